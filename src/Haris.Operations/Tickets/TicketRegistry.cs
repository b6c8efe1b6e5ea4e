using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Haris.Operations.Tickets;

/// <summary>
/// The tickets known by id, typically imported from another ticketing system whose barcodes carry no signature: such a
/// barcode admits only when it is listed here. Thread-safe.
/// </summary>
/// <remarks>
/// A listed ticket that has a signed token is admitted by its token only; scanning its bare id is counterfeit, or
/// anyone who read the number printed under the QR code could get in.
/// </remarks>
public sealed class TicketRegistry
{
    private readonly ConcurrentDictionary<string, IssuedTicket> _tickets = new(StringComparer.Ordinal);

    /// <summary>How many tickets are listed.</summary>
    public int Count => _tickets.Count;

    /// <summary>Lists a ticket.</summary>
    /// <returns>False when a ticket with that id is already listed (the first one stays).</returns>
    /// <exception cref="ArgumentException">The ticket's fields break the rules (empty or overlong ids, a '.' in the id, a reversed window).</exception>
    public bool TryAdd(IssuedTicket ticket)
    {
        if (TicketFieldRules.Check(ticket) is { } problem)
        {
            throw new ArgumentException($"Ticket '{ticket.TicketId}': {problem}.", nameof(ticket));
        }

        return _tickets.TryAdd(ticket.TicketId, ticket);
    }

    /// <summary>Lists every ticket not listed yet.</summary>
    /// <returns>The ids that were already listed and so were skipped.</returns>
    public IReadOnlyList<string> AddRange(IEnumerable<IssuedTicket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var skipped = new List<string>();
        foreach (var ticket in tickets)
        {
            if (!TryAdd(ticket))
            {
                skipped.Add(ticket.TicketId);
            }
        }

        return skipped;
    }

    /// <summary>The listed ticket with this id.</summary>
    public bool TryGet(string ticketId, [MaybeNullWhen(false)] out IssuedTicket ticket) => _tickets.TryGetValue(ticketId, out ticket);

    /// <summary>Removes a ticket from the list.</summary>
    public bool Remove(string ticketId) => _tickets.TryRemove(ticketId, out _);
}
