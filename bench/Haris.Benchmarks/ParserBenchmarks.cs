using System.Globalization;
using BenchmarkDotNet.Attributes;
using Haris.Core.Events;
using Haris.Ingest.Parsing;

namespace Haris.Benchmarks;

/// <summary>Parses lines of each input format into a reused event (a sample of the simulated hour).</summary>
/// <remarks>
/// Combined reads the access log, Syslog the sshd auth log, Eve the Suricata log with its field and logsource
/// mapping, and Json the same Suricata lines as plain NDJSON (flattening only).
/// </remarks>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly LogEvent _event = new();
    private ILogParser _parser = null!;
    private LineSet _lines = null!;

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
        var parsed = ParseLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"// {nameof(ParserBenchmarks)} {Format}: {parsed} of {_lines.Count} lines parse"));
    }

    /// <summary>Parses each line into a reused event; the figures are per line.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkSizes.SampleLines)]
    public int ParseLine()
    {
        var parsed = 0;
        for (var i = 0; i < _lines.Count; i++)
        {
            _event.Reset();
            if (_parser.TryParse(_lines[i], _event, out _))
            {
                parsed++;
            }
        }

        return parsed;
    }
}
