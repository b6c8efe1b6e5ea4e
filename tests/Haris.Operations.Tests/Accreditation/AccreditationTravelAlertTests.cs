using Haris.Core.Alerts;
using Haris.Operations.Accreditation;
using Microsoft.Extensions.Time.Testing;
using static Haris.Operations.Tests.Accreditation.AccreditationTestData;

namespace Haris.Operations.Tests.Accreditation;

/// <summary>The impossible-travel condition: one badge at two checkpoints faster than anyone can go between them.</summary>
public sealed class AccreditationTravelAlertTests
{
    private static readonly AccreditedPerson s_photographer = Person("MED-0001", VenueAccess.ToAllZones(VenueAccess.AllVenues));

    private readonly FakeTimeProvider _time = new(MatchDay);

    [Theory]
    // The same checkpoint twice (a retry, or out and back in) is no journey at all.
    [InlineData("harbour", "north", "n-door", "harbour", "north", "n-door", 0, false)]
    // Two doors into one zone: 1 minute. 0:59 raises, 1:00 does not.
    [InlineData("harbour", "north", "n-door-1", "harbour", "north", "n-door-2", 59, true)]
    [InlineData("harbour", "north", "n-door-1", "harbour", "north", "n-door-2", 60, false)]
    // Neighbouring zones (north and concourse, listed on the north side only: neighbours go both ways): 1 minute.
    [InlineData("harbour", "concourse", "c-door", "harbour", "north", "n-door", 59, true)]
    [InlineData("harbour", "concourse", "c-door", "harbour", "north", "n-door", 60, false)]
    // Two zones of one venue that are not neighbours: 5 minutes. 4:59 raises, 5:00 does not.
    [InlineData("harbour", "north", "n-door", "harbour", "staff-west", "sw-door", 299, true)]
    [InlineData("harbour", "north", "n-door", "harbour", "staff-west", "sw-door", 300, false)]
    // Two venues in Doha: 30 minutes.
    [InlineData("harbour", "north", "n-door", "corniche", "bowl", "main", 1_799, true)]
    [InlineData("harbour", "north", "n-door", "corniche", "bowl", "main", 1_800, false)]
    // Doha to Muscat: 90 minutes.
    [InlineData("harbour", "north", "n-door", "oasis", "bowl", "main", 5_399, true)]
    [InlineData("harbour", "north", "n-door", "oasis", "bowl", "main", 5_400, false)]
    // Zones with the same id at two venues are still two venues apart.
    [InlineData("harbour", "pitch", "tunnel", "corniche", "pitch", "tunnel", 600, true)]
    public void Travel_FasterThanTheTravelTime_Raises(
        string fromVenue, string fromZone, string fromCheckpoint, string toVenue, string toZone, string toCheckpoint, int seconds, bool raised)
    {
        var evaluator = Evaluator();

        Assert.Empty(Admit(evaluator, new CheckpointScan("MED-0001", fromVenue, fromCheckpoint, fromZone, MatchDay)));
        var alerts = Admit(evaluator, new CheckpointScan("MED-0001", toVenue, toCheckpoint, toZone, MatchDay.AddSeconds(seconds)));

        Assert.Equal(raised ? ["haris_accreditation_impossible_travel"] : [], alerts.Select(a => a.RuleName));
    }

    [Fact]
    public void Travel_SecondScanDenied_StillRaises_WithItsVerdict()
    {
        // A badge for harbour only, admitted there and presented in Muscat twenty minutes later: the copy is denied at the
        // venue, and that denial is what shows the badge was cloned.
        var registry = new AccreditationRegistry();
        registry.TryAdd(Person("STW-0042", VenueAccess.ToAllZones("harbour")));
        var checker = new AccreditationChecker(Cup, registry);
        var evaluator = Evaluator();
        var atHarbour = new CheckpointScan("STW-0042", "harbour", "n-door", "north", MatchDay);
        var inMuscat = new CheckpointScan("STW-0042", "oasis", "east-door", "bowl", MatchDay.AddMinutes(20));

        Assert.Empty(evaluator.Observe(atHarbour, checker.Check(atHarbour)));
        var verdict = checker.Check(inMuscat);
        var alert = Assert.Single(evaluator.Observe(inMuscat, verdict));

        Assert.Equal(AccreditationReason.VenueNotAllowed, verdict.Reason);
        Assert.Equal(AccreditationAlertRules.ImpossibleTravel.Id, alert.RuleId);
        Assert.Equal(AlertLevel.High, alert.Level);
        Assert.Equal(inMuscat.Time, alert.Timestamp);
        Assert.Equal([new("badge", "STW-0042")], alert.Group!);
        Assert.Equal(
            [
                new("venue", "oasis"), new("checkpoint", "east-door"), new("zone", "bowl"), new("badge", "STW-0042"),
                new("organisation", "Harbour Stewarding Ltd"), new("function", "steward"),
                new("decision", "deny"), new("reason", "venue_not_allowed"),
                new("from_venue", "harbour"), new("from_checkpoint", "n-door"), new("from_zone", "north"),
                new("from_time", "2026-06-12T17:00:00.000Z"), new("travel", "other_city"),
                new("elapsed_seconds", 1_200.0), new("required_seconds", 5_400L),
            ],
            alert.Fields);
    }

    [Fact]
    public void Travel_BackAndForth_OneAlertPerEpisode_ReArmedByAPossibleJourney()
    {
        var evaluator = Evaluator();
        var at = MatchDay;

        Admit(evaluator, Where("harbour", at));
        var first = Assert.Single(Admit(evaluator, Where("oasis", at = at.AddMinutes(10))));

        // Still impossible each time: the same episode, no new alert.
        Assert.Empty(Admit(evaluator, Where("harbour", at = at.AddMinutes(10))));
        Assert.Empty(Admit(evaluator, Where("oasis", at = at.AddMinutes(10))));

        // Two hours in Muscat: a believable journey ends the episode.
        Assert.Empty(Admit(evaluator, Where("oasis", at = at.AddHours(2), "other-door")));
        var second = Assert.Single(Admit(evaluator, Where("harbour", at.AddMinutes(5))));

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Travel_ComparesWithTheLatestSighting()
    {
        var evaluator = Evaluator();

        Admit(evaluator, Where("harbour", MatchDay));
        Admit(evaluator, Where("corniche", MatchDay.AddMinutes(40)));

        // 45 minutes after harbour is possible, but 5 minutes after corniche in the same city is not.
        Assert.Single(Admit(evaluator, Where("harbour", MatchDay.AddMinutes(45))));
    }

    [Fact]
    public void Travel_LateScan_ComparedWithTheLastSightingWhichStays()
    {
        // A scan reported late, stamped before the last sighting, is compared with it all the same; the last sighting
        // stays the newest one.
        var evaluator = Evaluator();
        Admit(evaluator, Where("oasis", MatchDay.AddMinutes(60)));

        Assert.Single(Admit(evaluator, Where("harbour", MatchDay)));
        Assert.Empty(Admit(evaluator, Where("oasis", MatchDay.AddMinutes(61), "other-door")));
    }

    [Fact]
    public void Travel_VenueTheTournamentLacks_NeitherRaisesNorCounts()
    {
        var evaluator = Evaluator();
        Admit(evaluator, Where("harbour", MatchDay));

        Assert.Empty(Admit(evaluator, Where("atlantis", MatchDay.AddMinutes(1))));

        // harbour stays the last sighting: oasis one minute after atlantis is still 2 minutes after harbour.
        Assert.Single(Admit(evaluator, Where("oasis", MatchDay.AddMinutes(2))));
    }

    [Fact]
    public void Travel_OptionsSetTheTimes()
    {
        var options = new AccreditationAlertOptions { SameVenueTravel = TimeSpan.FromMinutes(2) };
        var evaluator = Evaluator(options);

        Admit(evaluator, new CheckpointScan("MED-0001", "harbour", "n-door", "north", MatchDay));

        Assert.Empty(Admit(evaluator, new CheckpointScan("MED-0001", "harbour", "sw-door", "staff-west", MatchDay.AddMinutes(3))));
        Assert.Equal(TimeSpan.FromMinutes(2), evaluator.TravelTime(CheckpointDistance.SameVenue));
    }

    [Fact]
    public void Travel_TwoBadges_TrackedApart()
    {
        var evaluator = Evaluator();
        var other = Person("MED-0002", VenueAccess.ToAllZones(VenueAccess.AllVenues));

        Admit(evaluator, Where("harbour", MatchDay));

        Assert.Empty(evaluator.Observe(
            new CheckpointScan("MED-0002", "oasis", "main", "bowl", MatchDay.AddMinutes(1)),
            new AccreditationVerdict(AccreditationDecision.Admit, AccreditationReason.Allowed, other)));
    }

    [Theory]
    [InlineData("dunes", "pitch", "dunes", "pitch", CheckpointDistance.SameZone)]
    // staff neighbours pitch in the sample; the relation is listed on the staff side only.
    [InlineData("dunes", "pitch", "dunes", "staff", CheckpointDistance.NeighbouringZone)]
    [InlineData("dunes", "north-upper", "dunes", "pitch", CheckpointDistance.SameVenue)]
    // Lusail and Doha are different cities in the sample.
    [InlineData("dunes", "pitch", "lantern", "pitch", CheckpointDistance.OtherCity)]
    public void DistanceBetween_SampleTournament(string fromVenue, string fromZone, string toVenue, string toZone, CheckpointDistance expected)
    {
        var evaluator = new AccreditationAlertEvaluator(Sample, _time);

        var distance = evaluator.DistanceBetween(
            new CheckpointScan("B", fromVenue, "a", fromZone, MatchDay),
            new CheckpointScan("B", toVenue, "b", toZone, MatchDay));

        Assert.Equal(expected, distance);
    }

    [Fact]
    public void MinimumTravelTime_DefaultsAndUnknownVenue()
    {
        var evaluator = Evaluator();
        CheckpointScan At(string venue, string zone, string checkpoint) => new("B", venue, checkpoint, zone, MatchDay);

        Assert.Equal(TimeSpan.Zero, evaluator.MinimumTravelTime(At("harbour", "north", "a"), At("harbour", "south", "a")));
        Assert.Equal(TimeSpan.FromMinutes(1), evaluator.MinimumTravelTime(At("harbour", "pitch", "a"), At("harbour", "staff-east", "b")));
        Assert.Equal(TimeSpan.FromMinutes(5), evaluator.MinimumTravelTime(At("harbour", "pitch", "a"), At("harbour", "staff-west", "b")));
        Assert.Equal(TimeSpan.FromMinutes(30), evaluator.MinimumTravelTime(At("corniche", "bowl", "a"), At("harbour", "north", "b")));
        Assert.Equal(TimeSpan.FromMinutes(90), evaluator.MinimumTravelTime(At("oasis", "bowl", "a"), At("corniche", "bowl", "a")));
        Assert.Null(evaluator.MinimumTravelTime(At("atlantis", "bowl", "a"), At("harbour", "north", "b")));
    }

    private AccreditationAlertEvaluator Evaluator(AccreditationAlertOptions? options = null) => new(Cup, _time, options);

    private static CheckpointScan Where(string venue, DateTimeOffset time, string checkpoint = "main") =>
        new("MED-0001", venue, checkpoint, venue == "harbour" ? "north" : "bowl", time);

    private static IReadOnlyList<Alert> Admit(AccreditationAlertEvaluator evaluator, CheckpointScan scan) =>
        evaluator.Observe(scan, new AccreditationVerdict(AccreditationDecision.Admit, AccreditationReason.Allowed, s_photographer));
}
