using System.Collections.Concurrent;

namespace Haris.Operations.Tickets;

/// <summary>Who is inside, in memory: thread-safe and atomic, but forgotten on restart.</summary>
public sealed class InMemoryTicketPresence : ITicketPresence
{
    private readonly ConcurrentDictionary<string, byte> _inside = new(StringComparer.Ordinal);

    /// <summary>How many tickets are inside now.</summary>
    public int Count => _inside.Count;

    /// <inheritdoc/>
    public bool TryEnter(string ticketId) => _inside.TryAdd(ticketId, 0);

    /// <inheritdoc/>
    public bool Exit(string ticketId) => _inside.TryRemove(ticketId, out _);

    /// <inheritdoc/>
    public bool IsInside(string ticketId) => _inside.ContainsKey(ticketId);
}
