using Haris.Cli.Output;
using Haris.Core.Events;
using Haris.Ingest.Parsing;

namespace Haris.Cli.Scanning;

/// <summary>What <c>haris scan</c> was asked to do, after option parsing.</summary>
internal sealed class ScanSettings
{
    public IReadOnlyList<string> RulePaths { get; init; } = [];

    public bool NoBuiltin { get; init; }

    public LogFormat Format { get; init; } = LogFormat.Auto;

    /// <summary>An output file, or <c>-</c> for standard output.</summary>
    public string Output { get; init; } = "-";

    public AlertOutputFormat OutputFormat { get; init; } = AlertOutputFormat.Ndjson;

    /// <summary>The field to take event time from; null for the default order.</summary>
    public string? TimeField { get; init; }

    /// <summary>The logsource every event is given, overriding the parser's; null to keep the parser's.</summary>
    public Logsource? Logsource { get; init; }

    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>How many threads parse and match lines; correlations and output stay in input order whatever it is.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>A simulator's <c>labels.jsonl</c> to score the alerts against; null for none.</summary>
    public string? Labels { get; init; }

    /// <summary>Whether the summary ends with the per-rule report (alerts, distinct sources, first and last seen).</summary>
    public bool Report { get; init; }
}
