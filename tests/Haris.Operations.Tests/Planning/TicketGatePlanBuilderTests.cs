using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Operations.Tests.Planning;

public sealed class TicketGatePlanBuilderTests
{
    [Fact]
    public void Build_EveryGateScansForTheMatch_AndServesTheZonesItLeadsTo()
    {
        var (venue, match) = SampleTournament.Dunes;

        var plan = TicketGatePlanBuilder.Build(venue, match);

        Assert.All(venue.Gates, g => Assert.Equal(match.Id, plan.CurrentMatch(g.Id)));
        Assert.All(venue.Gates, g => Assert.All(g.Zones, z => Assert.True(plan.ServesZone(g.Id, z), $"{g.Id} {z}")));
        Assert.False(plan.ServesZone("n1", "east-lower"));
        Assert.Null(plan.CurrentMatch("nowhere"));
    }

    [Fact]
    public void Build_WithTheValidator_AdmitsAtAnyGateOfTheStand_AndRedirectsFromTheOtherSide()
    {
        var (venue, match) = SampleTournament.Dunes;
        using var keys = TicketKeyRing.Generate("k1");
        var ticket = new TicketIssuer(keys).Issue("T1", match.Id, "north-lower", "n1", "101-1-1", match.GatesOpenUtc, match.KickOffUtc);
        var time = new FakeTimeProvider(match.GatesOpenUtc.AddHours(1));
        var validator = new TicketValidator(
            keys, new TicketRegistry(), TicketGatePlanBuilder.Build(venue, match), new InMemoryTicketRevocations(), new InMemoryTicketPresence(), time);

        var far = validator.Validate(new ScanRequest("e1", ticket.Token!));
        var neighbour = validator.Validate(new ScanRequest("n2", ticket.Token!));

        Assert.Equal((ScanReason.WrongGate, "n1"), (far.Reason, far.RedirectGate));
        Assert.Equal(ScanReason.Entered, neighbour.Reason);
    }

    [Fact]
    public void Build_OtherVenuesMatch_IsRefused()
    {
        var (venue, _) = SampleTournament.Dunes;

        Assert.Throws<ArgumentException>(() => TicketGatePlanBuilder.Build(venue, SampleTournament.Value.Match("m02")!));
    }

    [Fact]
    public void Build_FromTheTournament_UsesTheMatchsVenue()
    {
        var match = SampleTournament.Value.Match("m08")!;

        var plan = TicketGatePlanBuilder.Build(SampleTournament.Value, match);

        Assert.Equal("m08", plan.CurrentMatch("x1"));
        Assert.True(plan.ServesZone("n1", "north"));
    }
}
