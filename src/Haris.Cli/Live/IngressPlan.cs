using Haris.Operations.Crowd;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Simulation.Ingress;

namespace Haris.Cli.Live;

/// <summary>A match's ingress ready to simulate: its tickets, signed, and what the simulator needs to send the holders through.</summary>
internal static class IngressPlan
{
    /// <summary>Issues <paramref name="fans"/> tickets for <paramref name="match"/> (one stand sold out) with <paramref name="keys"/>.</summary>
    public static (MatchIngress Ingress, IngressTickets Tickets) Create(Tournament tournament, Match match, int fans, int seed, TicketKeyRing keys)
    {
        var issued = IngressSetup.Issue(tournament, match, fans, seed, new TicketIssuer(keys));
        var ingress = new MatchIngress
        {
            Tournament = tournament,
            Match = match,
            Tickets = issued.Tickets,
            OtherMatchTickets = issued.OtherMatchTickets,
            Arrivals = ArrivalCurve.TypicalPreMatch(fans, match.KickOffUtc),
            PressuredZone = issued.PressuredZone,
        };
        return (ingress, issued);
    }
}
