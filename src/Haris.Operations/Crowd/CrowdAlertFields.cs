namespace Haris.Operations.Crowd;

/// <summary>The names of the fields crowd alerts carry (docs/crowd.md lists which alert has which).</summary>
public static class CrowdAlertFields
{
    public const string Venue = "venue";
    public const string Match = "match";
    public const string Zone = "zone";
    public const string Gate = "gate";
    public const string Occupancy = "occupancy";
    public const string SafeCapacity = "safe_capacity";
    public const string OccupancyPercent = "occupancy_percent";
    public const string ThresholdPercent = "threshold_percent";
    public const string ThresholdCount = "threshold_count";
    public const string Turnstiles = "turnstiles";
    public const string WindowSeconds = "window_seconds";
    public const string Admitted = "admitted";
    public const string RatePerMinute = "rate_per_minute";
    public const string CapacityPerMinute = "capacity_per_minute";
    public const string UtilisationPercent = "utilisation_percent";
    public const string Scans = "scans";
    public const string Counterfeit = "counterfeit";
    public const string CounterfeitPercent = "counterfeit_percent";
    public const string LastScan = "last_scan";
    public const string SilentSeconds = "silent_seconds";
    public const string GatesOpen = "gates_open";
    public const string KickOff = "kick_off";
}
