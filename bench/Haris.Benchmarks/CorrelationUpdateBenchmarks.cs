using System.Globalization;
using BenchmarkDotNet.Attributes;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;

namespace Haris.Benchmarks;

/// <summary>
/// Detection plus correlation update per event (<see cref="DetectionSession.Process"/>) with the full web pack over
/// consecutive access-log events parsed in setup. Each invocation replays the block shifted forward in time by its own
/// length, so windows keep advancing, expiring and firing as in one long log, and state stays bounded.
/// <see cref="ApplyMatchedAccessEvent"/> replays the same block with its single-event matches worked out in setup, so
/// it measures the correlation update alone, as a scan applies it after matching a batch.
/// </summary>
[MemoryDiagnoser]
public class CorrelationUpdateBenchmarks
{
    private readonly List<Alert> _alerts = new(16);
    private Detector _detector = null!;
    private DetectionSession _session = null!;
    private DetectionSession _applySession = null!;
    private LogEvent[] _events = [];
    private List<SigmaRule>[] _matches = [];
    private DateTimeOffset[] _times = [];
    private TimeSpan _blockSpan;
    private long _pass;
    private long _applyPass;

    /// <summary>Loads the pack, parses the block and opens one session for the whole run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rules = WebRulePack.Rules;
        _detector = new Detector(rules.Rules);
        var lines = LineSet.Middle(SimulatedLogs.Instance.Access, BenchmarkSizes.CorrelationEvents);
        var parser = new CombinedLogParser();
        _events = new LogEvent[lines.Count];
        _times = new DateTimeOffset[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var evt = new LogEvent { SourceName = "access.log", LineNumber = i + 1 };
            if (!parser.TryParse(lines[i], evt, out var error))
            {
                throw new InvalidOperationException($"line {i} does not parse: {error}");
            }

            EventTime.Default.Resolve(evt);
            _times[i] = evt.Timestamp ?? throw new InvalidOperationException($"line {i} has no time");
            _events[i] = evt;
        }

        _matches = new List<SigmaRule>[_events.Length];
        for (var i = 0; i < _events.Length; i++)
        {
            _detector.Evaluate(_events[i], _matches[i] = []);
        }

        _blockSpan = _times[^1] - _times[0] + TimeSpan.FromSeconds(1);
        _session = new DetectionSession(_detector, rules.Correlations);
        _applySession = new DetectionSession(_detector, rules.Correlations);
        var alerts = ProcessAccessEventWithCorrelation();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// {nameof(CorrelationUpdateBenchmarks)}: {rules.Correlations.Count} correlations, {_events.Length} events over {_blockSpan.TotalSeconds:F0} s; first pass {alerts} alerts, {_session.Correlations.GroupCount} groups tracked"));
    }

    /// <summary>One pass over the block through the session: per event.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.CorrelationEvents)]
    public int ProcessAccessEventWithCorrelation() => Replay(_session, _pass++, matched: false);

    /// <summary>One pass over the block's precomputed matches through <see cref="DetectionSession.Apply"/>: per event.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.CorrelationEvents)]
    public int ApplyMatchedAccessEvent() => Replay(_applySession, _applyPass++, matched: true);

    private int Replay(DetectionSession session, long pass, bool matched)
    {
        var shift = _blockSpan * pass;
        var alerts = 0;
        var events = _events;
        for (var i = 0; i < events.Length; i++)
        {
            var evt = events[i];
            evt.Timestamp = _times[i] + shift;
            _alerts.Clear();
            if (matched)
            {
                session.Apply(evt, _matches[i], _alerts);
            }
            else
            {
                session.Process(evt, _alerts);
            }

            alerts += _alerts.Count;
        }

        return alerts;
    }
}
