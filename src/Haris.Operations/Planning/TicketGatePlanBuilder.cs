using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>Builds the gate plan the ticket validator reads for one match: every gate of its venue scans for it and serves the zones it leads to.</summary>
public static class TicketGatePlanBuilder
{
    /// <summary>The gate plan of <paramref name="match"/> at its venue.</summary>
    public static TicketGatePlan Build(Tournament tournament, Match match)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        return Build(tournament.VenueOf(match), match);
    }

    /// <summary>The gate plan of <paramref name="match"/>: each gate of <paramref name="venue"/> opened for it and serving its <see cref="Gate.Zones"/>.</summary>
    /// <remarks>
    /// A gate serving a zone admits that zone's tickets even when they name another gate (the gates of one stand stand in
    /// for each other); a ticket of a zone the gate does not lead to is sent to its own gate.
    /// </remarks>
    public static TicketGatePlan Build(Venue venue, Match match)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(match);
        if (match.VenueId != venue.Id)
        {
            throw new ArgumentException($"match '{match.Id}' is played at '{match.VenueId}', not at '{venue.Id}'", nameof(match));
        }

        var plan = new TicketGatePlan();
        foreach (var gate in venue.Gates)
        {
            plan.Open(gate.Id, match.Id);
            foreach (var zone in gate.Zones)
            {
                plan.Serve(gate.Id, zone);
            }
        }

        return plan;
    }
}
