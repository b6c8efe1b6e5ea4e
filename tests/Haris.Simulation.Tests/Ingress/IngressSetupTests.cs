using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Simulation.Ingress;

namespace Haris.Simulation.Tests.Ingress;

public sealed class IngressSetupTests
{
    [Fact]
    public void Issue_SellsOutThePressuredStand_AndSpreadsTheRest()
    {
        var run = IngressFixture.Shared;
        var byZone = run.Issued.Tickets.GroupBy(t => t.ZoneId).ToDictionary(g => g.Key, g => g.Count());
        var pressured = run.Venue.Zone(run.Issued.PressuredZone)!;

        Assert.Equal(IngressFixture.Fans, run.Issued.Tickets.Count);
        Assert.Equal(pressured.Capacity, byZone[pressured.Id]);
        Assert.All(byZone.Where(z => z.Key != pressured.Id), z => Assert.True(z.Value < run.Venue.Zone(z.Key)!.Capacity * 0.5, z.Key));
        Assert.Equal(run.Issued.Tickets.Count, run.Issued.Tickets.Select(t => t.TicketId).Distinct().Count());
    }

    [Fact]
    public void Issue_BringsAFewTicketsOfTheVenuesOtherMatch()
    {
        var run = IngressFixture.Shared;

        Assert.Equal(20, run.Issued.OtherMatchTickets.Count);
        Assert.All(run.Issued.OtherMatchTickets, t => Assert.Equal(run.Venue.Id, run.Tournament.VenueOf(run.Tournament.Match(t.MatchId)!).Id));
        Assert.All(run.Issued.OtherMatchTickets, t => Assert.NotEqual(run.Match.Id, t.MatchId));
    }

    [Fact]
    public void DefaultFans_IsSeventyPercentOfTheStands()
    {
        var venue = IngressFixture.Shared.Venue;

        Assert.Equal((int)(TicketAllocation.Seats(venue, SeatingPlanBuilder.Build(venue)) * 0.7), IngressSetup.DefaultFans(venue));
    }

    [Fact]
    public void Issue_MoreFansThanSeats_IsRefused()
    {
        var run = IngressFixture.Shared;
        using var keys = TicketKeyRing.Generate("k");

        Assert.Throws<ArgumentOutOfRangeException>(() => IngressSetup.Issue(run.Tournament, run.Match, run.Venue.Capacity + 1, 1, new TicketIssuer(keys)));
    }
}
