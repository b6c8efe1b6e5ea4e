namespace Haris.Simulation;

/// <summary>The names of the files a run writes into its output folder.</summary>
public static class SimulationFiles
{
    /// <summary>nginx combined access log of the website and ticket shop.</summary>
    public const string AccessLog = "access.log";

    /// <summary>RFC 3164 syslog of sshd on the event's servers.</summary>
    public const string AuthLog = "auth.log";

    /// <summary>Suricata EVE, one JSON object per line.</summary>
    public const string Eve = "eve.json";

    /// <summary>One JSON object per attack campaign (<see cref="CampaignLabel"/>).</summary>
    public const string Labels = "labels.jsonl";
}

/// <summary>What a run wrote: lines per file and campaigns labelled.</summary>
public sealed record SimulationSummary(long AccessLines, long AuthLines, long EveLines, int Campaigns);
