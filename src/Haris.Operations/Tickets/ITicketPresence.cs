namespace Haris.Operations.Tickets;

/// <summary>Which tickets are inside the stadium now; shared by every gate of a match so a ticket enters once.</summary>
/// <remarks>
/// Implementations make <see cref="TryEnter"/> atomic across all callers: of any number of concurrent calls for one
/// ticket id, exactly one returns true until <see cref="Exit"/> is called. A durable implementation records the change
/// before it returns, so an admitted scan survives a restart.
/// </remarks>
public interface ITicketPresence
{
    /// <summary>Marks the ticket inside, unless it already is.</summary>
    /// <returns>True when the ticket was outside and is now inside; false when it was already inside.</returns>
    bool TryEnter(string ticketId);

    /// <summary>Marks the ticket outside, so that it may enter again.</summary>
    /// <returns>True when the ticket was inside; false when it was already outside.</returns>
    bool Exit(string ticketId);

    /// <summary>Whether the ticket is inside now.</summary>
    bool IsInside(string ticketId);
}
