using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>How many tickets one zone gets out of how many seats.</summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="Seats">The seats it has for sale.</param>
/// <param name="Tickets">The tickets it gets; never more than <paramref name="Seats"/>.</param>
public sealed record ZoneQuota(string ZoneId, int Seats, int Tickets);

/// <summary>Shares a number of tickets out over the zones of a seating plan.</summary>
public static class TicketAllocation
{
    /// <summary>
    /// Spreads <paramref name="count"/> tickets over the zones of <paramref name="plan"/> in proportion to their seats,
    /// optionally filling one zone first.
    /// </summary>
    /// <param name="venue">The venue; a zone's seats are its plan's seats, never more than the zone's capacity.</param>
    /// <param name="plan">The seating plan, e.g. from <see cref="SeatingPlanBuilder"/>.</param>
    /// <param name="count">How many tickets; at most the seats of the plan's zones.</param>
    /// <param name="fillZone">
    /// A zone sold out before the others are served: it gets all its seats, but no more than half the tickets unless the
    /// other zones cannot hold the rest. Null spreads evenly.
    /// </param>
    /// <returns>One quota per zone of the plan, in the plan's order; shares are rounded by largest remainder, so they add up to <paramref name="count"/>.</returns>
    public static IReadOnlyList<ZoneQuota> Spread(Venue venue, SeatingPlan plan, int count, string? fillZone = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(plan);
        var seats = ZoneSeats(venue, plan);
        var total = seats.Sum(s => (long)s.Seats);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);

        var tickets = new int[seats.Count];
        var fill = fillZone is null ? -1 : seats.FindIndex(s => s.ZoneId == fillZone);
        if (fillZone is not null && fill < 0)
        {
            throw new ArgumentException($"zone '{fillZone}' has no seats in the plan", nameof(fillZone));
        }

        var rest = count;
        var restSeats = total;
        if (fill >= 0)
        {
            var filled = Math.Min(seats[fill].Seats, count / 2);
            filled = (int)Math.Max(filled, count - (total - seats[fill].Seats));
            tickets[fill] = filled;
            rest -= filled;
            restSeats -= seats[fill].Seats;
        }

        // Largest remainder: everyone gets the whole part of their share, then the zones with the largest fractions
        // one more each, in plan order on a tie, until the count is reached.
        var remainders = new List<(long Remainder, int Index)>(seats.Count);
        var given = 0;
        for (var i = 0; i < seats.Count; i++)
        {
            if (i == fill || restSeats == 0)
            {
                continue;
            }

            var exact = (long)rest * seats[i].Seats;
            tickets[i] = (int)(exact / restSeats);
            given += tickets[i];
            remainders.Add((exact % restSeats, i));
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(rest - given))
        {
            tickets[index]++;
        }

        return [.. seats.Select((s, i) => new ZoneQuota(s.ZoneId, s.Seats, tickets[i]))];
    }

    /// <summary>How many tickets <see cref="Spread"/> can share out: each zone's seats in the plan, never more than its capacity.</summary>
    public static long Seats(Venue venue, SeatingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(plan);
        return ZoneSeats(venue, plan).Sum(s => (long)s.Seats);
    }

    /// <summary>The seats of each zone of the plan, in the order the zones first appear in it.</summary>
    internal static List<(string ZoneId, int Seats)> ZoneSeats(Venue venue, SeatingPlan plan)
    {
        var seats = new List<(string ZoneId, int Seats)>();
        foreach (var section in plan.Sections)
        {
            var index = seats.FindIndex(s => s.ZoneId == section.ZoneId);
            if (index < 0)
            {
                seats.Add((section.ZoneId, 0));
                index = seats.Count - 1;
            }

            seats[index] = (section.ZoneId, seats[index].Seats + section.Capacity);
        }

        for (var i = 0; i < seats.Count; i++)
        {
            var capacity = venue.Zone(seats[i].ZoneId)?.Capacity
                ?? throw new ArgumentException($"the plan has zone '{seats[i].ZoneId}', which the venue does not", nameof(plan));
            seats[i] = (seats[i].ZoneId, Math.Min(seats[i].Seats, capacity));
        }

        return seats;
    }
}
