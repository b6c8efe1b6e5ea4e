using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Simulation.Ingress;

/// <summary>The tickets of a simulated ingress: the match's, with one stand sold out, and a few of another match.</summary>
/// <param name="Tickets">The match's tickets.</param>
/// <param name="OtherMatchTickets">Tickets of another match at the venue, brought on the wrong day; empty when the venue has no other match.</param>
/// <param name="PressuredZone">The stand sold out first, which the run puts under pressure.</param>
public sealed record IngressTickets(IReadOnlyList<IssuedTicket> Tickets, IReadOnlyList<IssuedTicket> OtherMatchTickets, string PressuredZone);

/// <summary>Issues the tickets an ingress run needs, from a seed, with the planning adapters of the operations room.</summary>
public static class IngressSetup
{
    /// <summary>The share of the stands' seats sold when no number of fans is given.</summary>
    public const double DefaultAttendance = 0.7;

    /// <summary>Tickets of another match, as a share of the match's tickets (at least one, when there is another match).</summary>
    public const double OtherMatchShare = 0.001;

    /// <summary>How many fans a run has by default: <see cref="DefaultAttendance"/> of the seats in the venue's stands.</summary>
    public static int DefaultFans(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return (int)(TicketAllocation.Seats(venue, SeatingPlanBuilder.Build(venue)) * DefaultAttendance);
    }

    /// <summary>
    /// Issues <paramref name="fans"/> tickets for <paramref name="match"/>: one stand, drawn from the seed among those
    /// that half the tickets can sell out (or else the smallest), sold out first (at most half the tickets), the rest
    /// spread over the other stands in proportion to their seats; and a few tickets of the venue's match before (or else
    /// after) this one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fans"/> is not positive or is more than the stands' seats.</exception>
    public static IngressTickets Issue(Tournament tournament, Match match, int fans, int seed, TicketIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fans);
        var venue = tournament.VenueOf(match);
        var plan = SeatingPlanBuilder.Build(venue);
        var rng = new Random(seed);
        // A stand that half the tickets can sell out, so that it can fill up; with none, the smallest comes closest.
        var seats = plan.Sections.GroupBy(s => s.ZoneId).Select(g => (Zone: g.Key, Seats: Math.Min(g.Sum(s => s.Capacity), venue.Zone(g.Key)!.Capacity))).ToList();
        var candidates = seats.Where(s => s.Seats <= fans / 2).ToList();
        if (candidates.Count == 0)
        {
            var smallest = seats.Min(s => s.Seats);
            candidates = [.. seats.Where(s => s.Seats == smallest)];
        }

        var pressured = candidates[rng.Next(candidates.Count)].Zone;
        var quotas = TicketAllocation.Spread(venue, plan, fans, pressured);
        var tickets = TicketBatch.Issue(issuer, match, plan, quotas, rng.Next());

        var matches = tournament.MatchesAt(venue.Id);
        var position = matches.ToList().IndexOf(match);
        var other = position > 0 ? matches[position - 1] : position + 1 < matches.Count ? matches[position + 1] : null;
        IReadOnlyList<IssuedTicket> others = [];
        if (other is not null)
        {
            var count = Math.Max(1, (int)Math.Round(fans * OtherMatchShare));
            others = TicketBatch.Issue(issuer, other, plan, TicketAllocation.Spread(venue, plan, count), rng.Next());
        }

        return new IngressTickets(tickets, others, pressured);
    }
}
