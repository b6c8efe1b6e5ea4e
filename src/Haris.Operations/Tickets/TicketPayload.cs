namespace Haris.Operations.Tickets;

/// <summary>What a signed ticket token says, read back from its payload.</summary>
/// <param name="TicketId">The ticket's identity.</param>
/// <param name="MatchId">The match the ticket is for.</param>
/// <param name="ZoneId">The zone of the seat.</param>
/// <param name="GateId">The assigned gate.</param>
/// <param name="Seat">The seat, possibly empty.</param>
/// <param name="NotBefore">The first instant (UTC, whole seconds) at which the ticket admits.</param>
/// <param name="NotAfter">The last instant (UTC, whole seconds) at which the ticket admits.</param>
/// <param name="KeyId">The key that signed the token.</param>
public sealed record TicketPayload(
    string TicketId,
    string MatchId,
    string ZoneId,
    string GateId,
    string Seat,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyId);
