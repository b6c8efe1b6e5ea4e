namespace Haris.Core.Security;

/// <summary>The roles a user or API key can hold; every API route states which of them it requires.</summary>
public static class Roles
{
    /// <summary>Manages users, API keys and configuration.</summary>
    public const string Admin = "admin";

    /// <summary>Sees both rooms and decides: incidents, decisions, escalation.</summary>
    public const string Commander = "commander";

    /// <summary>Works the cyber command center: alerts, cyber incidents, block decisions.</summary>
    public const string CyberAnalyst = "cyber-analyst";

    /// <summary>Works the stadium operations room: field incidents, gates, units; may be scoped to venues.</summary>
    public const string Operator = "operator";

    /// <summary>Supervises stewards: reports and updates field incidents at their venue.</summary>
    public const string Steward = "steward";

    /// <summary>A partner agency's liaison officer: reads shared indicators and incidents.</summary>
    public const string PartnerLiaison = "partner-liaison";

    /// <summary>A machine that sends events; ingest only.</summary>
    public const string Sensor = "sensor";

    /// <summary>Every role, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Commander, CyberAnalyst, Operator, Steward, PartnerLiaison, Sensor];

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/> (exact, lower-case spelling).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
