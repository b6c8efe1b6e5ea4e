using System.Globalization;
using BenchmarkDotNet.Attributes;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Correlation;
using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;
using Haris.Ingest.Reading;

namespace Haris.Benchmarks;

/// <summary>
/// The per-line loop of <c>haris scan</c> over an in-memory access log with the full web pack: <see cref="LineReader"/>
/// over a <see cref="MemoryStream"/>, <see cref="CombinedLogParser"/>, <see cref="EventTime.Default"/>, then
/// <see cref="DetectionSession.Process"/>, alerts cleared (not written). One invocation scans the whole log with a new
/// session, as one scan does; the figures are per line.
/// </summary>
[MemoryDiagnoser]
public class EndToEndScanBenchmarks
{
    private const string SourceName = "access.log";

    private readonly CombinedLogParser _parser = new();
    private readonly LogEvent _event = new();
    private readonly List<Alert> _alerts = new(16);
    private readonly List<SigmaRule> _matches = new(16);
    private Detector _detector = null!;
    private IReadOnlyList<CorrelationRule> _correlations = [];
    private byte[] _log = [];

    /// <summary>Loads the pack and builds the log from the first lines of the simulated hour.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rules = WebRulePack.Rules;
        _detector = new Detector(rules.Rules);
        _correlations = rules.Correlations;
        _log = LineSet.First(SimulatedLogs.Instance.Access, BenchmarkSizes.ScanLines).ToLog();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var session = new DetectionSession(_detector, _correlations);
        var alerts = Scan(session);
        var withCorrelation = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var matches = ScanInMemoryAccessLogDetectorOnly();
        var detectorOnly = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// {nameof(EndToEndScanBenchmarks)}: {BenchmarkSizes.ScanLines} lines, {_log.Length:N0} B; {alerts} alerts per scan ({withCorrelation:N0} B allocated, {session.Correlations.GroupCount:N0} correlation groups at the end), {matches} rule matches detector only ({detectorOnly:N0} B allocated)"));
    }

    /// <summary>Scans the whole in-memory log; returns the number of alerts (malformed lines are skipped).</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.ScanLines)]
    public int ScanInMemoryAccessLog() => Scan(new DetectionSession(_detector, _correlations));

    /// <summary>
    /// The same loop with <see cref="Detector.Evaluate"/> in place of the session: reading, parsing, time and
    /// single-event rules, without alerts or correlation state; returns the number of rule matches.
    /// </summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.ScanLines)]
    public int ScanInMemoryAccessLogDetectorOnly() => Scan(session: null);

    private int Scan(DetectionSession? session)
    {
        var evt = _event;
        var alerts = 0;
        using var reader = new LineReader(new MemoryStream(_log, writable: false), sourceName: SourceName);
        while (reader.TryReadLine(out var line))
        {
            evt.Reset();
            evt.SourceName = SourceName;
            evt.LineNumber = reader.LineNumber;
            if (reader.LastLineTooLong || !_parser.TryParse(line, evt, out _))
            {
                continue;
            }

            EventTime.Default.Resolve(evt);
            if (session is null)
            {
                _matches.Clear();
                _detector.Evaluate(evt, _matches);
                alerts += _matches.Count;
                continue;
            }

            _alerts.Clear();
            session.Process(evt, _alerts);
            alerts += _alerts.Count;
        }

        if (session is null)
        {
            return alerts;
        }

        _alerts.Clear();
        session.Complete(_alerts);
        return alerts + _alerts.Count;
    }
}
