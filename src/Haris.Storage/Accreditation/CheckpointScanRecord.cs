namespace Haris.Storage.Accreditation;

/// <summary>One badge presented at an accreditation checkpoint and the answer it got.</summary>
public sealed class CheckpointScanRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string BadgeId { get; set; }

    public required string Venue { get; set; }

    public required string Checkpoint { get; set; }

    /// <summary>The zone the checkpoint leads into.</summary>
    public required string Zone { get; set; }

    /// <summary><c>admit</c> or <c>deny</c>.</summary>
    public required string Decision { get; set; }

    /// <summary><c>allowed</c>, <c>unknown_badge</c>, <c>revoked</c>, <c>zone_not_allowed</c>, ...</summary>
    public required string Reason { get; set; }

    /// <summary>The API key of the checkpoint reader that sent the scan.</summary>
    public required string Sensor { get; set; }
}
