using Haris.Operations.Planning;

namespace Haris.Operations.Tests.Planning;

public sealed class TicketAllocationTests
{
    [Fact]
    public void Spread_AddsUpToTheCount_InProportionToSeats()
    {
        var (venue, _) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);

        var quotas = TicketAllocation.Spread(venue, plan, 41_500);

        Assert.Equal(41_500, quotas.Sum(q => q.Tickets));
        Assert.Equal(8, quotas.Count);

        // 41,500 of 83,000 seats: every stand half full, to the seat.
        Assert.All(quotas, q => Assert.Equal(q.Seats / 2, q.Tickets));
    }

    [Fact]
    public void Spread_RoundsByLargestRemainder()
    {
        var (venue, _) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);

        var quotas = TicketAllocation.Spread(venue, plan, 7);

        Assert.Equal(7, quotas.Sum(q => q.Tickets));
        Assert.All(quotas, q => Assert.InRange(q.Tickets, 0, 1));

        // The largest stands (west-lower 12,700, east-lower 12,200, west-upper 11,600, ...) get the odd tickets.
        Assert.Equal(1, quotas.Single(q => q.ZoneId == "west-lower").Tickets);
    }

    [Fact]
    public void Spread_FillZone_SellsItOut_AndSpreadsTheRest()
    {
        var (venue, _) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);

        var quotas = TicketAllocation.Spread(venue, plan, 60_000, "north-upper");

        Assert.Equal(60_000, quotas.Sum(q => q.Tickets));
        Assert.Equal(8_400, quotas.Single(q => q.ZoneId == "north-upper").Tickets);
        Assert.All(quotas.Where(q => q.ZoneId != "north-upper"), q => Assert.InRange((double)q.Tickets / q.Seats, 0.69, 0.71));
    }

    [Fact]
    public void Spread_FillZone_TakesAtMostHalf_UnlessTheOthersCannotHoldTheRest()
    {
        var (venue, _) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);

        var few = TicketAllocation.Spread(venue, plan, 1_000, "north-upper");
        var all = TicketAllocation.Spread(venue, plan, 83_000, "north-upper");

        Assert.Equal(500, few.Single(q => q.ZoneId == "north-upper").Tickets);
        Assert.All(all, q => Assert.Equal(q.Seats, q.Tickets));
    }

    [Fact]
    public void Seats_AreTheStandsSeats()
    {
        var (venue, _) = SampleTournament.Dunes;

        Assert.Equal(83_000, TicketAllocation.Seats(venue, SeatingPlanBuilder.Build(venue)));
    }

    [Fact]
    public void Spread_MoreTicketsThanSeats_Throws()
    {
        var (venue, _) = SampleTournament.Dunes;

        Assert.Throws<ArgumentOutOfRangeException>(() => TicketAllocation.Spread(venue, SeatingPlanBuilder.Build(venue), 83_001));
    }

    [Fact]
    public void Spread_FillZoneNotInThePlan_Throws()
    {
        var (venue, _) = SampleTournament.Dunes;

        Assert.Throws<ArgumentException>(() => TicketAllocation.Spread(venue, SeatingPlanBuilder.Build(venue), 100, "media"));
    }
}
