using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Tests.Planning;

public sealed class SeatingPlanBuilderTests
{
    [Fact]
    public void Build_EverySampleVenue_SeatsEachStandExactlyItsCapacity()
    {
        Assert.All(SampleTournament.Value.Venues, venue =>
        {
            var plan = SeatingPlanBuilder.Build(venue);
            var stands = venue.Zones.Where(z => z.Type == ZoneType.Stand).ToList();

            Assert.Equal(stands.Select(z => z.Id), plan.Sections.Select(s => s.ZoneId).Distinct());
            Assert.All(stands, z => Assert.Equal(z.Capacity, plan.Sections.Where(s => s.ZoneId == z.Id).Sum(s => s.Capacity)));
        });
    }

    [Fact]
    public void Build_EveryBlockGoesToAnInnerGateLeadingToItsStand()
    {
        var (venue, _) = SampleTournament.Dunes;

        var plan = SeatingPlanBuilder.Build(venue);

        Assert.All(plan.Sections, s =>
        {
            var gate = venue.Gate(s.GateId)!;
            Assert.Contains(s.ZoneId, gate.Zones);
            Assert.Equal(PerimeterKind.Inner, gate.Perimeter);
        });
    }

    [Fact]
    public void Build_BlocksAreNamedUniquely_WithAtMostTwentyFiveRowsOfTwentyToFortySeats()
    {
        var (venue, _) = SampleTournament.Dunes;

        var plan = SeatingPlanBuilder.Build(venue);

        Assert.Equal(plan.Sections.Count, plan.Sections.Select(s => s.Block).Distinct().Count());
        Assert.All(plan.Sections, s => Assert.InRange(s.Rows, 1, SeatingPlanBuilder.MaxRowsPerBlock));
        Assert.All(plan.Sections, s => Assert.InRange(s.SeatsPerRow, SeatingPlanBuilder.MinSeatsPerRow, SeatingPlanBuilder.MaxSeatsPerRow));
        Assert.Equal("101", plan.Sections[0].Block);
        Assert.Equal("101-1-1", plan.Seats().First().Seat);
        Assert.Equal(plan.Capacity, plan.Seats().Select(s => s.Seat).Distinct().Count());
    }

    [Fact]
    public void Build_GatesCarrySeatsInProportionToTheirTurnstiles()
    {
        // Dunes: the north and south stands share three gates of 10 turnstiles each, east and west three of 14.
        var (venue, _) = SampleTournament.Dunes;

        var plan = SeatingPlanBuilder.Build(venue);
        var perTurnstile = plan.Sections.GroupBy(s => s.GateId)
            .ToDictionary(g => g.Key, g => (double)g.Sum(s => s.Capacity) / venue.Gate(g.Key)!.Turnstiles);

        foreach (var side in new[] { "n", "e", "s", "w" })
        {
            var loads = perTurnstile.Where(p => p.Key.StartsWith(side, StringComparison.Ordinal)).Select(p => p.Value).ToList();
            Assert.Equal(3, loads.Count);
            Assert.True(loads.Max() / loads.Min() < 1.2, $"{side}: {string.Join(", ", loads)}");
        }
    }

    [Fact]
    public void Build_CapacityNoRowLengthDivides_IsCoveredWithLessThanARowToSpare()
    {
        // 997 is prime: no row of 20 to 40 seats divides it, so rows of 40 cover it with 3 seats to spare.
        var venue = Venue(new Zone { Id = "stand", Name = new("Stand"), Type = ZoneType.Stand, Capacity = 997 });

        var plan = SeatingPlanBuilder.Build(venue);

        Assert.Equal(1000, plan.Capacity);
        Assert.Equal(40, plan.Sections[0].SeatsPerRow);
    }

    [Fact]
    public void Build_StandNoGateLeadsTo_IsLeftOut()
    {
        var venue = Venue(
            new Zone { Id = "stand", Name = new("Stand"), Type = ZoneType.Stand, Capacity = 1000 },
            new Zone { Id = "walled", Name = new("Walled"), Type = ZoneType.Stand, Capacity = 500 });

        var plan = SeatingPlanBuilder.Build(venue);

        Assert.Equal(["stand"], plan.Sections.Select(s => s.ZoneId).Distinct());

        // The second stand keeps its number: block names do not shift when a stand is left out.
        Assert.StartsWith("1", plan.Sections[0].Block, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WorksWithTicketIssuer()
    {
        var (venue, match) = SampleTournament.Dunes;
        using var keys = TicketKeyRing.Generate("k1");

        var tickets = new TicketIssuer(keys).IssueMany(match.Id, 100, SeatingPlanBuilder.Build(venue), match.GatesOpenUtc, match.KickOffUtc);

        Assert.Equal(100, tickets.Count);
        Assert.All(tickets, t => Assert.Equal("north-lower", t.ZoneId));
    }

    private static Venue Venue(params Zone[] zones) => new()
    {
        Id = "v",
        Name = new("V", "V", "ف"),
        City = "Doha",
        TimeZone = TimeZoneInfo.Utc,
        Capacity = zones.Sum(z => z.Capacity),
        Outer = new Perimeter(PerimeterKind.Outer, [new CheckPoint("o", new("O"), 4)]),
        Inner = new Perimeter(PerimeterKind.Inner, [new CheckPoint("i", new("I"), 4)]),
        Zones = zones,
        Gates = [new Gate { Id = "g1", Name = new("G1"), Perimeter = PerimeterKind.Inner, Zones = [zones[0].Id], Turnstiles = 4 }],
    };
}
