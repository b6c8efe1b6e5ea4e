using Haris.Core.Alerts;

namespace Haris.Operations.Crowd;

/// <summary>One crowd alert condition as alerts name it: fixed id, rule name, plain-English title and level.</summary>
/// <param name="Id">A fixed UUID, as Sigma rules have.</param>
/// <param name="Name">The rule name (<c>haris_crowd_…</c>).</param>
/// <param name="Title">What the alert says, in plain English.</param>
/// <param name="Level">How urgent it is.</param>
public sealed record CrowdAlertRule(string Id, string Name, string Title, AlertLevel Level);

/// <summary>The crowd alert conditions and their thresholds (docs/crowd.md explains each and where its figure comes from).</summary>
public static class CrowdAlertRules
{
    /// <summary>The author on every crowd alert.</summary>
    public const string Author = "Haris";

    /// <summary>Percent of safe capacity at which a zone raises <see cref="ZoneNearCapacity"/>.</summary>
    public const int ZoneNearCapacityPercent = 90;

    /// <summary>Percent of safe capacity at which a zone raises <see cref="ZoneAtCapacity"/>.</summary>
    public const int ZoneAtCapacityPercent = 100;

    /// <summary>Percent of turnstile capacity an entry rate must exceed to raise the gate-rate alerts.</summary>
    public const int GateRatePercent = 85;

    /// <summary>Percent of a gate's scans that counterfeits must exceed to be a wave.</summary>
    public const int CounterfeitPercent = 5;

    /// <summary>The fewest scans in the window before a counterfeit share means anything (1 in 3 is not a wave).</summary>
    public const int CounterfeitMinimumScans = 50;

    /// <summary>Counterfeits within <see cref="BurstWindow"/> that make a burst.</summary>
    public const int CounterfeitBurstCount = 10;

    /// <summary>The short window: the quick gate rate and the counterfeit burst.</summary>
    public static TimeSpan BurstWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The long window: the sustained gate rate and the counterfeit share.</summary>
    public static TimeSpan SustainedWindow { get; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a gate may go without a scan during ingress before it is reported silent.</summary>
    public static TimeSpan SilenceLimit { get; } = TimeSpan.FromMinutes(3);

    /// <summary>A zone holds 90% or more of its safe capacity.</summary>
    public static CrowdAlertRule ZoneNearCapacity { get; } = new(
        "f594dfec-2217-44da-9033-dad629a7f601", "haris_crowd_zone_90", "Zone at 90% of its safe capacity", AlertLevel.High);

    /// <summary>A zone holds its safe capacity or more.</summary>
    public static CrowdAlertRule ZoneAtCapacity { get; } = new(
        "69d020e3-f88b-4e06-8da1-51c3532314bd", "haris_crowd_zone_100", "Zone full: at or over its safe capacity", AlertLevel.Critical);

    /// <summary>A gate admitted above 85% of its turnstile capacity over the last minute.</summary>
    public static CrowdAlertRule GateRateHigh { get; } = new(
        "a0616f87-a1d9-46ab-aa0f-95180e9bf46d", "haris_crowd_gate_rate_85", "Gate admitting above 85% of its turnstile capacity", AlertLevel.Medium);

    /// <summary>A gate admitted above 85% of its turnstile capacity over the last five minutes: a queue is building.</summary>
    public static CrowdAlertRule GateRateSustained { get; } = new(
        "24460b58-0817-4408-8962-e5cdedd1d296", "haris_crowd_gate_rate_85_sustained", "Gate above 85% of its turnstile capacity for five minutes", AlertLevel.High);

    /// <summary>More than 5% of a gate's scans over five minutes (50 scans at least) were counterfeit.</summary>
    public static CrowdAlertRule CounterfeitWave { get; } = new(
        "7c367641-0b11-44c7-baf7-b762b722e14a", "haris_crowd_counterfeit_wave", "Wave of counterfeit tickets at a gate", AlertLevel.High);

    /// <summary>Ten or more counterfeits at one gate within a minute.</summary>
    public static CrowdAlertRule CounterfeitBurst { get; } = new(
        "14636b94-bcc9-40c4-b0fd-5fd77bd437aa", "haris_crowd_counterfeit_burst", "Burst of counterfeit tickets at a gate", AlertLevel.High);

    /// <summary>A gate has scanned nothing for three minutes between gates-open and kick-off.</summary>
    public static CrowdAlertRule GateSilent { get; } = new(
        "81b0378a-1b78-4e04-a726-67841c6dc711", "haris_crowd_gate_silent", "Gate silent during ingress: no scans for three minutes", AlertLevel.Medium);

    /// <summary>Every crowd alert rule.</summary>
    public static IReadOnlyList<CrowdAlertRule> All { get; } =
        [ZoneNearCapacity, ZoneAtCapacity, GateRateHigh, GateRateSustained, CounterfeitWave, CounterfeitBurst, GateSilent];
}
