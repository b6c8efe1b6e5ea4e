using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;

namespace Haris.Cli.Scanning;

/// <summary>What a scan saw, for the summary on stderr.</summary>
internal sealed class ScanStatistics
{
    /// <summary>How many malformed lines the summary quotes; the rest are only counted.</summary>
    public const int MalformedSamplesKept = 5;

    private readonly Dictionary<SigmaRule, long> _alertsByRule = new(ReferenceEqualityComparer.Instance);

    public int RuleCount { get; init; }

    public List<InputReport> Inputs { get; } = [];

    public long Lines { get; set; }

    public long Malformed { get; set; }

    public List<MalformedLine> MalformedSamples { get; } = new(MalformedSamplesKept);

    public long Alerts { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public bool Cancelled { get; set; }

    public IEnumerable<KeyValuePair<SigmaRule, long>> AlertsByRule => _alertsByRule;

    /// <summary>Counts one malformed line, keeping its position and reason while fewer than five are kept.</summary>
    public void AddMalformed(string file, long line, string? reason)
    {
        Malformed++;
        if (MalformedSamples.Count < MalformedSamplesKept)
        {
            MalformedSamples.Add(new MalformedLine(file, line, string.IsNullOrEmpty(reason) ? "not parseable" : reason));
        }
    }

    /// <summary>Counts one alert of <paramref name="rule"/>.</summary>
    public void AddAlert(SigmaRule rule)
    {
        Alerts++;
        _alertsByRule[rule] = _alertsByRule.TryGetValue(rule, out var n) ? n + 1 : 1;
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
