using System.Globalization;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>
/// Lays out the seats of a venue's stands as a <see cref="SeatingPlan"/>: blocks of rows per stand zone, each block
/// assigned to a gate that leads to its zone.
/// </summary>
/// <remarks>
/// A block holds at most <see cref="MaxRowsPerBlock"/> rows. A zone's rows hold the largest number of seats from
/// <see cref="MinSeatsPerRow"/> to <see cref="MaxSeatsPerRow"/> that divides its capacity, so the zone has exactly its
/// capacity; when none divides it, rows hold <see cref="MaxSeatsPerRow"/> and the last block covers the capacity with
/// fewer than a row to spare. Blocks are named by the stand's number and the block's (<c>101</c>, <c>102</c>, ... for the
/// first stand, <c>201</c>, ... for the second), padded so that no two names collide. Each block goes to the gate
/// serving its zone that has the fewest seats per turnstile so far, so gates carry crowds in proportion to their
/// turnstiles. Inner-perimeter gates (the turnstiles) are preferred; a stand no gate leads to is left out, since its
/// spectators could not get in.
/// </remarks>
public static class SeatingPlanBuilder
{
    /// <summary>The most rows in one block.</summary>
    public const int MaxRowsPerBlock = 25;

    /// <summary>The fewest seats in a row.</summary>
    public const int MinSeatsPerRow = 20;

    /// <summary>The most seats in a row.</summary>
    public const int MaxSeatsPerRow = 40;

    /// <summary>The seating plan of the venue where <paramref name="match"/> is played.</summary>
    public static SeatingPlan Build(Tournament tournament, Match match)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        return Build(tournament.VenueOf(match));
    }

    /// <summary>The seating plan of the stands of <paramref name="venue"/>, stand by stand in the venue's order.</summary>
    public static SeatingPlan Build(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var stands = new List<(int Number, Zone Zone, IReadOnlyList<Gate> Gates, int SeatsPerRow, int Rows)>();
        var number = 0;
        foreach (var zone in venue.Zones)
        {
            if (zone.Type != ZoneType.Stand)
            {
                continue;
            }

            number++;
            var gates = GatesFor(venue, zone.Id);
            if (gates.Count == 0)
            {
                continue;
            }

            var seatsPerRow = SeatsPerRow(zone.Capacity);
            stands.Add((number, zone, gates, seatsPerRow, (zone.Capacity + seatsPerRow - 1) / seatsPerRow));
        }

        var mostBlocks = stands.Count == 0 ? 1 : stands.Max(s => (s.Rows + MaxRowsPerBlock - 1) / MaxRowsPerBlock);
        var blockDigits = Math.Max(2, mostBlocks.ToString(CultureInfo.InvariantCulture).Length);
        var load = new Dictionary<string, long>(StringComparer.Ordinal);
        var sections = new List<SeatingSection>();
        foreach (var (standNumber, zone, gates, seatsPerRow, rows) in stands)
        {
            var block = 0;
            for (var firstRow = 0; firstRow < rows; firstRow += MaxRowsPerBlock)
            {
                block++;
                var blockRows = Math.Min(MaxRowsPerBlock, rows - firstRow);
                var gate = LeastLoaded(gates, load);
                load[gate.Id] = load.GetValueOrDefault(gate.Id) + ((long)blockRows * seatsPerRow);
                var name = string.Create(
                    CultureInfo.InvariantCulture, $"{standNumber}{block.ToString(new string('0', blockDigits), CultureInfo.InvariantCulture)}");
                sections.Add(new SeatingSection(zone.Id, gate.Id, name, blockRows, seatsPerRow));
            }
        }

        return new SeatingPlan(sections);
    }

    /// <summary>The gates a stand's spectators may be assigned to: the inner-perimeter gates leading to it, else any that do.</summary>
    internal static IReadOnlyList<Gate> GatesFor(Venue venue, string zoneId)
    {
        var serving = venue.GatesServing(zoneId);
        var inner = serving.Where(g => g.Perimeter == PerimeterKind.Inner).ToList();
        return inner.Count > 0 ? inner : serving;
    }

    private static int SeatsPerRow(int capacity)
    {
        for (var seats = MaxSeatsPerRow; seats >= MinSeatsPerRow; seats--)
        {
            if (capacity % seats == 0)
            {
                return seats;
            }
        }

        return MaxSeatsPerRow;
    }

    private static Gate LeastLoaded(IReadOnlyList<Gate> gates, Dictionary<string, long> load)
    {
        var best = gates[0];
        for (var i = 1; i < gates.Count; i++)
        {
            // Seats per turnstile, compared by cross-multiplying so that no rounding decides a tie; ties keep the
            // gate listed first.
            var gate = gates[i];
            if ((Int128)load.GetValueOrDefault(gate.Id) * best.Turnstiles < (Int128)load.GetValueOrDefault(best.Id) * gate.Turnstiles)
            {
                best = gate;
            }
        }

        return best;
    }
}
