using System.Globalization;
using BenchmarkDotNet.Attributes;
using Haris.Core.Events;
using Haris.Ingest.Parsing;

namespace Haris.Benchmarks;

/// <summary>Parses lines of each input format into a reused event: a sample of the simulated hour, and a run of consecutive lines.</summary>
/// <remarks>
/// Combined reads the access log, Syslog the sshd auth log, Eve the Suricata log with its field and logsource
/// mapping, and Json the same Suricata lines as plain NDJSON (flattening only). The sample's lines are seconds apart,
/// so it never repeats a time; consecutive lines do, as in a real file, which a parser may use.
/// </remarks>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly LogEvent _event = new();
    private ILogParser _parser = null!;
    private LineSet _lines = null!;
    private LineSet _consecutive = null!;

    /// <summary>The input format measured.</summary>
    [Params(LogFormat.Combined, LogFormat.Syslog, LogFormat.Eve, LogFormat.Json)]
    public LogFormat Format { get; set; }

    /// <summary>Samples the lines of the format and checks that they parse.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var logs = SimulatedLogs.Instance;
        var source = Format switch
        {
            LogFormat.Combined => logs.Access,
            LogFormat.Syslog => logs.Auth,
            _ => logs.Eve,
        };
        _parser = LogParsers.Create(Format);
        _lines = LineSet.Sample(source, BenchmarkSizes.SampleLines);
        _consecutive = LineSet.Middle(source, BenchmarkSizes.SampleLines);
        var parsed = ParseLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"// {nameof(ParserBenchmarks)} {Format}: {parsed} of {_lines.Count} lines parse"));
    }

    /// <summary>Parses each line into a reused event; the figures are per line.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.SampleLines)]
    public int ParseLine() => Parse(_lines);

    /// <summary>Parses consecutive lines into a reused event; the figures are per line.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.SampleLines)]
    public int ParseConsecutiveLine() => Parse(_consecutive);

    private int Parse(LineSet lines)
    {
        var parsed = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            _event.Reset();
            if (_parser.TryParse(lines[i], _event, out _))
            {
                parsed++;
            }
        }

        return parsed;
    }
}
