namespace Haris.Operations.Tickets;

/// <summary>A ticket as issued or imported: who may enter which match, through which gate, when.</summary>
/// <param name="TicketId">The ticket's identity across the tournament; the barcode of an imported ticket.</param>
/// <param name="MatchId">The match the ticket is for.</param>
/// <param name="ZoneId">The zone (stand, block group) the seat is in.</param>
/// <param name="GateId">The gate the ticket is assigned to.</param>
/// <param name="Seat">The seat, as printed (empty for standing areas).</param>
/// <param name="ValidFrom">The first instant, UTC and whole seconds, at which the ticket admits.</param>
/// <param name="ValidTo">The last instant, UTC and whole seconds, at which the ticket admits.</param>
/// <param name="Token">
/// The signed token printed in the QR code, or null for a ticket imported from another ticketing system, which is known
/// by its barcode (<paramref name="TicketId"/>) alone.
/// </param>
public sealed record IssuedTicket(
    string TicketId,
    string MatchId,
    string ZoneId,
    string GateId,
    string Seat,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    string? Token);
