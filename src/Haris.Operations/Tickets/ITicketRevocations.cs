namespace Haris.Operations.Tickets;

/// <summary>Tickets the ticketing office has cancelled (refunded, reported stolen, resold outside the official exchange).</summary>
public interface ITicketRevocations
{
    /// <summary>Whether the ticket is revoked.</summary>
    bool IsRevoked(string ticketId);

    /// <summary>Revokes a ticket; it no longer admits (a holder already inside may still leave).</summary>
    /// <returns>False when it was already revoked.</returns>
    bool Revoke(string ticketId);

    /// <summary>Lifts a revocation made in error.</summary>
    /// <returns>False when the ticket was not revoked.</returns>
    bool Reinstate(string ticketId);
}
