using System.Collections.Concurrent;

namespace Haris.Operations.Tickets;

/// <summary>Gates, the match each scans for and the zones each serves, set by hand; thread-safe.</summary>
public sealed class TicketGatePlan : ITicketGates
{
    private readonly ConcurrentDictionary<string, string> _matchByGate = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Gate, string Zone), byte> _zones = new();

    /// <summary>Makes the gate scan tickets for <paramref name="matchId"/>.</summary>
    public TicketGatePlan Open(string gateId, string matchId)
    {
        _matchByGate[gateId] = matchId;
        return this;
    }

    /// <summary>Stops the gate scanning for any match: every ticket then reads as for another match.</summary>
    public TicketGatePlan Close(string gateId)
    {
        _matchByGate.TryRemove(gateId, out _);
        return this;
    }

    /// <summary>Lets the gate admit spectators of the zone.</summary>
    public TicketGatePlan Serve(string gateId, string zoneId)
    {
        _zones[(gateId, zoneId)] = 0;
        return this;
    }

    /// <summary>Stops the gate admitting spectators of the zone (unless their ticket names the gate).</summary>
    public TicketGatePlan StopServing(string gateId, string zoneId)
    {
        _zones.TryRemove((gateId, zoneId), out _);
        return this;
    }

    /// <inheritdoc/>
    public string? CurrentMatch(string gateId) => _matchByGate.TryGetValue(gateId, out var match) ? match : null;

    /// <inheritdoc/>
    public bool ServesZone(string gateId, string zoneId) => _zones.ContainsKey((gateId, zoneId));
}
