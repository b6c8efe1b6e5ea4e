using System.Collections.Concurrent;

namespace Haris.Operations.Tickets;

/// <summary>Revoked tickets, in memory and thread-safe.</summary>
public sealed class InMemoryTicketRevocations : ITicketRevocations
{
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    /// <summary>How many tickets are revoked.</summary>
    public int Count => _revoked.Count;

    /// <inheritdoc/>
    public bool IsRevoked(string ticketId) => _revoked.ContainsKey(ticketId);

    /// <inheritdoc/>
    public bool Revoke(string ticketId) => _revoked.TryAdd(ticketId, 0);

    /// <inheritdoc/>
    public bool Reinstate(string ticketId) => _revoked.TryRemove(ticketId, out _);
}
