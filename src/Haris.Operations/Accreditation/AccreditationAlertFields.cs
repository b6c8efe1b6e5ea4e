namespace Haris.Operations.Accreditation;

/// <summary>The names of the fields accreditation alerts carry (docs/accreditation.md lists which alert has which).</summary>
public static class AccreditationAlertFields
{
    public const string Venue = "venue";
    public const string Checkpoint = "checkpoint";
    public const string Zone = "zone";
    public const string Badge = "badge";
    public const string Organisation = "organisation";
    public const string Function = "function";
    public const string Decision = "decision";
    public const string Reason = "reason";
    public const string Denials = "denials";
    public const string DistinctBadges = "distinct_badges";
    public const string WindowSeconds = "window_seconds";
    public const string ThresholdCount = "threshold_count";
    public const string DeniedPrefix = "denied_";
    public const string FromVenue = "from_venue";
    public const string FromCheckpoint = "from_checkpoint";
    public const string FromZone = "from_zone";
    public const string FromTime = "from_time";
    public const string Travel = "travel";
    public const string ElapsedSeconds = "elapsed_seconds";
    public const string RequiredSeconds = "required_seconds";
}
