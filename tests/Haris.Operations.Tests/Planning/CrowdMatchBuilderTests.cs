using Haris.Operations.Crowd;
using Haris.Operations.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Operations.Tests.Planning;

public sealed class CrowdMatchBuilderTests
{
    [Fact]
    public void Build_HasEveryZoneWithItsSafeCapacity_AndTheSpectatorGates()
    {
        var (venue, match) = SampleTournament.Dunes;

        var crowd = CrowdMatchBuilder.Build(venue, match);

        Assert.Equal(("dunes", "m09"), (crowd.VenueId, crowd.MatchId));
        Assert.Equal((match.GatesOpenUtc, match.KickOffUtc), (crowd.GatesOpen, crowd.KickOff));
        Assert.Equal(venue.Zones.Count, crowd.Zones.Count);
        Assert.Contains(new CrowdZone("north-lower", 9300), crowd.Zones);

        // The concourse's holding capacity (7,400) is below its 8,700 places: the safe capacity is the lower.
        Assert.Contains(new CrowdZone("concourse-lower", 7400), crowd.Zones);

        // Twelve gates lead to the stands; hospitality, media and the two staff gates are not watched.
        Assert.Equal(["n1", "n2", "n3", "e1", "e2", "e3", "s1", "s2", "s3", "w1", "w2", "w3"], crowd.Gates.Select(g => g.Id));
        Assert.Contains(new CrowdGate("e1", 14), crowd.Gates);
    }

    [Fact]
    public void Build_FeedsTheEvaluator_ZoneAtNinetyPercentRaisesOnce()
    {
        var (venue, match) = SampleTournament.Dunes;
        var time = new FakeTimeProvider(match.KickOffUtc.AddMinutes(-20));
        var crowd = CrowdMatchBuilder.Build(venue, match);
        var evaluator = new CrowdAlertEvaluator(crowd, time);
        var occupancy = new OccupancyTracker(venue.Id, match.Id, crowd.Zones.Select(z => z.Id));
        var crossings = new OccupancyCrossings(venue);

        // 90% of north-lower's 9,300 is 8,370.
        for (var i = 0; i < 8_370; i++)
        {
            occupancy.Record(crossings.For(time.GetUtcNow(), "n1", "north-lower", ScanDirection.Entry));
        }

        var alerts = evaluator.EvaluateZones(occupancy.Snapshot());

        var alert = Assert.Single(alerts);
        Assert.Equal("haris_crowd_zone_90", alert.RuleName);
        Assert.Contains(new KeyValuePair<string, object?>("zone", "north-lower"), alert.Fields);
    }

    [Fact]
    public void SpectatorGates_AreTheGatesLeadingToAStand()
    {
        var venue = SampleTournament.Value.Venue("lantern")!;

        Assert.Equal(["n1", "e1", "e2", "s1", "w1", "w2"], CrowdMatchBuilder.SpectatorGates(venue).Select(g => g.Id));
    }
}
