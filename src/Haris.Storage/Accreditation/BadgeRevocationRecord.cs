namespace Haris.Storage.Accreditation;

/// <summary>A badge withdrawn before the end of its validity; kept apart from the person, so a new import keeps it.</summary>
public sealed class BadgeRevocationRecord
{
    public required string BadgeId { get; set; }

    public DateTimeOffset RevokedAt { get; set; }

    public required string RevokedBy { get; set; }

    public string? Reason { get; set; }
}
