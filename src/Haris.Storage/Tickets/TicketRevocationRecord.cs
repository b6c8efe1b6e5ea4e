namespace Haris.Storage.Tickets;

/// <summary>A ticket the ticketing office has cancelled; it no longer admits anyone.</summary>
public sealed class TicketRevocationRecord
{
    public required string TicketId { get; set; }

    public DateTimeOffset RevokedAt { get; set; }

    /// <summary>Who revoked it: a user name or an API key name.</summary>
    public required string RevokedBy { get; set; }

    /// <summary>Why (refunded, reported stolen, resold outside the official exchange), if given.</summary>
    public string? Reason { get; set; }
}
