using System.Globalization;
using BenchmarkDotNet.Attributes;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;

namespace Haris.Benchmarks;

/// <summary>
/// Single-event rule evaluation with the full web pack (built-in plus SigmaHQ web rules) over access-log events sampled
/// from the simulated hour: evaluation alone over events parsed in setup, and parse plus evaluation per line.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private readonly CombinedLogParser _parser = new();
    private readonly LogEvent _event = new();
    private readonly List<SigmaRule> _matches = new(16);
    private Detector _detector = null!;
    private LineSet _lines = null!;
    private LogEvent[] _events = [];

    /// <summary>Loads the pack, samples the lines and parses each into its own event.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _detector = new Detector(WebRulePack.Rules.Rules);
        _lines = LineSet.Sample(SimulatedLogs.Instance.Access, BenchmarkSizes.SampleLines);
        _events = new LogEvent[_lines.Count];
        for (var i = 0; i < _lines.Count; i++)
        {
            var evt = new LogEvent { SourceName = "access.log", LineNumber = i + 1 };
            if (!_parser.TryParse(_lines[i], evt, out var error))
            {
                throw new InvalidOperationException($"sample line {i} does not parse: {error}");
            }

            EventTime.Default.Resolve(evt);
            _events[i] = evt;
        }

        var matches = EvaluateWebPackPreParsed();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// {nameof(RuleEvaluationBenchmarks)}: {_detector.Rules.Count} rules, {_detector.RulesFor(_events[0].Logsource).Count} offered to access events; {matches} matches over {_events.Length} events, {_detector.RegexTimeoutCount} regex timeouts"));
    }

    /// <summary>Evaluates events parsed in setup: the detector alone, per event.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.SampleLines)]
    public int EvaluateWebPackPreParsed()
    {
        var matched = 0;
        var events = _events;
        for (var i = 0; i < events.Length; i++)
        {
            _matches.Clear();
            _detector.Evaluate(events[i], _matches);
            matched += _matches.Count;
        }

        return matched;
    }

    /// <summary>Parses each line into a reused event, then evaluates it: per line.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.SampleLines)]
    public int ParseAndEvaluateWebPack()
    {
        var matched = 0;
        for (var i = 0; i < _lines.Count; i++)
        {
            var evt = _event;
            evt.Reset();
            if (!_parser.TryParse(_lines[i], evt, out _))
            {
                continue;
            }

            _matches.Clear();
            _detector.Evaluate(evt, _matches);
            matched += _matches.Count;
        }

        return matched;
    }
}
