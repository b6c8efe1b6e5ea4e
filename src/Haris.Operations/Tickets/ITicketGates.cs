namespace Haris.Operations.Tickets;

/// <summary>What the validator needs to know about gates: which match each scans for, and which zones each serves.</summary>
/// <remarks>The tournament model answers this in production; <see cref="TicketGatePlan"/> is a plain in-memory answer.</remarks>
public interface ITicketGates
{
    /// <summary>The match the gate is scanning tickets for now, or null when it is not open for any match.</summary>
    string? CurrentMatch(string gateId);

    /// <summary>
    /// Whether the gate may admit spectators of the zone although the ticket names another gate (gates opening onto
    /// the same stand, or a gate opened to relieve a queue).
    /// </summary>
    bool ServesZone(string gateId, string zoneId);
}
