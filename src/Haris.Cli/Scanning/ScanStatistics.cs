using Haris.Core.Alerts;
using Haris.Ingest.Parsing;

namespace Haris.Cli.Scanning;

/// <summary>What a scan saw, for the summary on stderr.</summary>
internal sealed class ScanStatistics
{
    /// <summary>How many malformed lines the summary quotes; the rest are only counted.</summary>
    public const int MalformedSamplesKept = 5;

    private readonly Dictionary<string, RuleTally> _alertsByRule = new(StringComparer.Ordinal);

    public int RuleCount { get; init; }

    public List<InputReport> Inputs { get; } = [];

    public long Lines { get; set; }

    public long Malformed { get; set; }

    public List<MalformedLine> MalformedSamples { get; } = new(MalformedSamplesKept);

    public long Alerts { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public bool Cancelled { get; set; }

    public IEnumerable<RuleTally> AlertsByRule => _alertsByRule.Values;

    /// <summary>Counts one malformed line, keeping its position and reason while fewer than five are kept.</summary>
    public void AddMalformed(string file, long line, string? reason)
    {
        Malformed++;
        if (MalformedSamples.Count < MalformedSamplesKept)
        {
            MalformedSamples.Add(new MalformedLine(file, line, string.IsNullOrEmpty(reason) ? "not parseable" : reason));
        }
    }

    /// <summary>Counts one alert under its rule.</summary>
    public void AddAlert(Alert alert)
    {
        Alerts++;
        if (!_alertsByRule.TryGetValue(alert.RuleId, out var tally))
        {
            _alertsByRule[alert.RuleId] = tally = new RuleTally(alert.RuleTitle, alert.Level);
        }

        tally.Add(alert);
    }
}

/// <summary>What one rule raised during a scan: how many alerts, from how many sources, from when to when.</summary>
internal sealed class RuleTally(string title, AlertLevel level)
{
    /// <summary>Distinct sources are counted exactly up to this many per rule, then reported as "at least".</summary>
    public const int MaxSourcesTracked = 100_000;

    private readonly HashSet<string> _sources = new(StringComparer.Ordinal);

    public string Title { get; } = title;

    public AlertLevel Level { get; } = level;

    public long Count { get; private set; }

    public int DistinctSources => _sources.Count;

    public bool SourcesCapped => _sources.Count >= MaxSourcesTracked;

    public DateTimeOffset? FirstSeen { get; private set; }

    public DateTimeOffset? LastSeen { get; private set; }

    public void Add(Alert alert)
    {
        Count++;
        if (alert.SubjectSourceIp is { } source && _sources.Count < MaxSourcesTracked)
        {
            _sources.Add(source);
        }

        var first = alert.FirstSeen ?? alert.Timestamp;
        var last = alert.LastSeen ?? alert.Timestamp;
        if (first is { } f && (FirstSeen is null || f < FirstSeen))
        {
            FirstSeen = f;
        }

        if (last is { } l && (LastSeen is null || l > LastSeen))
        {
            LastSeen = l;
        }
    }
}

/// <summary>One malformed line quoted in the summary.</summary>
internal sealed record MalformedLine(string File, long Line, string Reason);

/// <summary>One input of a scan: how it was read and how many lines it had.</summary>
internal sealed class InputReport(string name)
{
    public string Name { get; } = name;

    public LogFormat Format { get; set; }

    /// <summary>True when the format was sniffed from the first lines rather than given with <c>--format</c>.</summary>
    public bool Detected { get; set; }

    /// <summary>True when sniffing could not tell and a fallback format was used.</summary>
    public bool Undetermined { get; set; }

    public long Lines { get; set; }
}
