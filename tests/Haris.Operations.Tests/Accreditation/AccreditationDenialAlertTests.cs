using Haris.Core.Alerts;
using Haris.Operations.Accreditation;
using Microsoft.Extensions.Time.Testing;
using static Haris.Operations.Tests.Accreditation.AccreditationTestData;

namespace Haris.Operations.Tests.Accreditation;

/// <summary>The repeated-denials conditions: one badge 3 times in 10 minutes, one checkpoint 10 times in 5 minutes.</summary>
public sealed class AccreditationDenialAlertTests
{
    private static readonly AccreditedPerson s_steward = Person("STW-0042", VenueAccess.ToZones("harbour", "north"));

    private readonly FakeTimeProvider _time = new(MatchDay);

    [Theory]
    // Two denials are a mistyped door or a wrong turn: nothing.
    [InlineData(new[] { 0, 60 }, false)]
    // The third within ten minutes raises.
    [InlineData(new[] { 0, 60, 120 }, true)]
    // 9:59 from first to third is within ten minutes.
    [InlineData(new[] { 0, 300, 599 }, true)]
    // 10:00 is not: the first denial has just dropped out of the window.
    [InlineData(new[] { 0, 300, 600 }, false)]
    public void Badge_ThreeDenialsWithinTenMinutes_Raises(int[] seconds, bool raised)
    {
        var evaluator = Evaluator();

        var alerts = seconds.SelectMany(s => Deny(evaluator, s_steward, "pitch", MatchDay.AddSeconds(s), checkpoint: $"door-{s}")).ToList();

        Assert.Equal(raised ? ["haris_accreditation_repeated_denials"] : [], alerts.Select(a => a.RuleName));
    }

    [Fact]
    public void Badge_Raised_HighAlertWithBadgeWhereAndWhose()
    {
        var evaluator = Evaluator();
        Deny(evaluator, s_steward, "pitch", MatchDay, "pitch-door-1");
        Deny(evaluator, s_steward, "staff-east", MatchDay.AddMinutes(2), "staff-east-door");

        var alert = Assert.Single(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(4), "pitch-door-2"));

        Assert.Equal(AccreditationAlertRules.BadgeRepeatedDenials.Id, alert.RuleId);
        Assert.Equal("Badge denied repeatedly at accreditation checkpoints", alert.RuleTitle);
        Assert.Equal(AlertLevel.High, alert.Level);
        Assert.Equal("Haris", alert.RuleAuthor);
        Assert.Equal(MatchDay.AddMinutes(4), alert.Timestamp);
        Assert.Equal((3L, MatchDay, MatchDay.AddMinutes(4)), (alert.Count, alert.FirstSeen, alert.LastSeen));
        Assert.Equal(
            [
                new("venue", "harbour"), new("checkpoint", "pitch-door-2"), new("zone", "pitch"), new("badge", "STW-0042"),
                new("organisation", "Harbour Stewarding Ltd"), new("function", "steward"), new("reason", "zone_not_allowed"),
                new("denials", 3L), new("window_seconds", 600L), new("threshold_count", 3),
            ],
            alert.Fields);
        Assert.Equal([new("badge", "STW-0042")], alert.Group!);

        // The holder's name stays in the registry: alerts travel further.
        Assert.DoesNotContain(alert.Fields, f => Equals(f.Value, s_steward.Name));
    }

    [Fact]
    public void Badge_UnknownBadge_CountsWithoutOrganisationOrFunction()
    {
        var evaluator = Evaluator();
        var verdict = new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.UnknownBadge, null);
        IReadOnlyList<Alert> alerts = [];
        for (var i = 0; i < 3; i++)
        {
            alerts = evaluator.Observe(Scan("FORGED-1", "north", MatchDay.AddSeconds(i)), verdict);
        }

        var fields = Assert.Single(alerts).Fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Null(fields["organisation"]);
        Assert.Null(fields["function"]);
        Assert.Equal("unknown_badge", fields["reason"]);
    }

    [Fact]
    public void Badge_AdmittedScansDoNotCount()
    {
        var evaluator = Evaluator();
        var person = Person("B-1", VenueAccess.ToZones("harbour", "north"));
        var admit = new AccreditationVerdict(AccreditationDecision.Admit, AccreditationReason.Allowed, person);

        Deny(evaluator, person, "pitch", MatchDay, "pitch-door");
        Assert.Empty(evaluator.Observe(Scan("B-1", "north", MatchDay.AddMinutes(1), checkpoint: "pitch-door"), admit));
        Assert.Empty(Deny(evaluator, person, "pitch", MatchDay.AddMinutes(2), "pitch-door"));
    }

    [Fact]
    public void Badge_ConditionLasting_RaisedOnce()
    {
        var evaluator = Evaluator();

        var alerts = Enumerable.Range(0, 8).SelectMany(i => Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(i), "pitch-door")).ToList();

        // The badge alert at the third, the checkpoint's count of 8 stays under 10.
        Assert.Single(alerts);
    }

    [Fact]
    public void Badge_ClearedThenBack_RaisedAgainWithANewId()
    {
        var evaluator = Evaluator();
        Deny(evaluator, s_steward, "pitch", MatchDay, "door");
        Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(1), "door");
        var first = Assert.Single(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(2), "door"));

        // At 12:30 the three are out of the window: the fourth denial finds none before it, which clears and re-arms.
        Assert.Empty(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(12.5), "door"));
        Assert.Empty(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(13), "door"));
        var second = Assert.Single(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(13.5), "door"));

        Assert.Equal(first.RuleId, second.RuleId);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Badge_SecondEpisodeInTheSameBucket_GetsItsOwnId()
    {
        // With a 30-second window, denials at 0, 1 and 2 s raise; by 40 s they have dropped out, and 40, 41 and 42 s begin
        // a second episode within the same five-minute bucket as the first: it still gets an id of its own.
        var options = new AccreditationAlertOptions { BadgeDenialWindow = TimeSpan.FromSeconds(30) };
        var evaluator = Evaluator(options);
        var start = new DateTimeOffset(2026, 6, 12, 17, 0, 0, TimeSpan.Zero);
        var times = new[] { 0, 1, 2, 40, 41, 42 };

        var alerts = times.SelectMany(s => Deny(evaluator, s_steward, "pitch", start.AddSeconds(s), "door")).ToList();

        Assert.Equal(2, alerts.Count);
        Assert.NotEqual(alerts[0].Id, alerts[1].Id);
    }

    [Fact]
    public void Badge_ReplayedByAFreshEvaluator_SameIds()
    {
        // Scans replayed after a restart (or by another node) derive the ids already stored.
        IReadOnlyList<Alert> Run()
        {
            var evaluator = Evaluator();
            return [.. Enumerable.Range(0, 3).SelectMany(i => Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(i), "door"))];
        }

        Assert.Equal(Assert.Single(Run()).Id, Assert.Single(Run()).Id);
    }

    [Fact]
    public void Badge_LateDenial_CountsWhereItBelongs()
    {
        // Readers' clocks and queues differ: a denial reported after a later one still counts within its window.
        var evaluator = Evaluator();
        Deny(evaluator, s_steward, "pitch", MatchDay, "a");
        Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(5), "b");

        Assert.Single(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(3), "c"));
    }

    [Theory]
    // Nine denials at one checkpoint within five minutes: nothing.
    [InlineData(9, 299, false)]
    // Ten raise.
    [InlineData(10, 299, true)]
    // Ten spread over exactly 5:00: the first has dropped out when the tenth comes.
    [InlineData(10, 300, false)]
    public void Checkpoint_TenDenialsWithinFiveMinutes_Raises(int denials, int spanSeconds, bool raised)
    {
        var evaluator = Evaluator();
        var unknown = new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.UnknownBadge, null);

        // Each a different badge, so only the checkpoint condition can fire.
        var alerts = Enumerable.Range(0, denials)
            .SelectMany(i => evaluator.Observe(
                Scan($"PROBE-{i}", "pitch", MatchDay.AddSeconds(i == denials - 1 ? spanSeconds : i), checkpoint: "tunnel"),
                unknown))
            .ToList();

        Assert.Equal(raised ? [AccreditationAlertRules.CheckpointRepeatedDenials.Id] : [], alerts.Select(a => a.RuleId));
    }

    [Fact]
    public void Checkpoint_Raised_MediumWithReasonsToTellProbingFromMisconfiguration()
    {
        var evaluator = Evaluator();
        var unknown = new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.UnknownBadge, null);
        for (var i = 0; i < 6; i++)
        {
            evaluator.Observe(Scan($"PROBE-{i}", "pitch", MatchDay.AddSeconds(i), checkpoint: "tunnel"), unknown);
        }

        for (var i = 0; i < 3; i++)
        {
            Deny(evaluator, Person($"STW-{i}", VenueAccess.ToZones("harbour", "north")), "pitch", MatchDay.AddSeconds(10 + i), "tunnel");
        }

        var alert = Assert.Single(Deny(evaluator, s_steward, "pitch", MatchDay.AddSeconds(20), "tunnel"));

        Assert.Equal(AlertLevel.Medium, alert.Level);
        Assert.Equal("haris_accreditation_repeated_denials", alert.RuleName);
        Assert.Equal([new("venue", "harbour"), new("checkpoint", "tunnel")], alert.Group!);
        var fields = alert.Fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal(10L, fields["denials"]);
        Assert.Equal(10L, fields["distinct_badges"]);
        Assert.Equal(6L, fields["denied_unknown_badge"]);
        Assert.Equal(4L, fields["denied_zone_not_allowed"]);
        Assert.Equal(0L, fields["denied_revoked"]);
        Assert.Equal(300L, fields["window_seconds"]);
        Assert.Equal(10, fields["threshold_count"]);
        Assert.Equal("STW-0042", fields["badge"]);
        Assert.Equal("steward", fields["function"]);
    }

    [Fact]
    public void Checkpoint_SameIdAtTwoVenues_CountedApart()
    {
        var evaluator = Evaluator();
        var unknown = new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.UnknownBadge, null);

        var alerts = Enumerable.Range(0, 10)
            .SelectMany(i => evaluator.Observe(Scan($"P-{i}", "bowl", MatchDay.AddSeconds(i), i % 2 == 0 ? "oasis" : "corniche", "main-door"), unknown))
            .ToList();

        Assert.Empty(alerts);
    }

    [Fact]
    public void BothConditions_OneBadgeHammeringOneCheckpoint()
    {
        var evaluator = Evaluator();

        var alerts = Enumerable.Range(0, 10).SelectMany(i => Deny(evaluator, s_steward, "pitch", MatchDay.AddSeconds(i * 10), "tunnel")).ToList();

        Assert.Equal(
            [AccreditationAlertRules.BadgeRepeatedDenials.Id, AccreditationAlertRules.CheckpointRepeatedDenials.Id],
            alerts.Select(a => a.RuleId));
    }

    [Fact]
    public async Task Observe_FromManyThreads_OneAlertPerBadge()
    {
        // 200 badges each denied three times at their own checkpoint, from four threads at once: exactly 200 alerts.
        var evaluator = Evaluator();
        var unknown = new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.UnknownBadge, null);
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            var raised = new List<Alert>();
            for (var i = 0; i < 150; i++)
            {
                var n = (t * 150 + i) % 200;
                var denial = (t * 150 + i) / 200;
                raised.AddRange(evaluator.Observe(Scan($"B-{n}", "north", MatchDay.AddSeconds(denial), checkpoint: $"door-{n}"), unknown));
            }

            return raised;
        }, TestContext.Current.CancellationToken));

        var alerts = (await Task.WhenAll(tasks)).SelectMany(a => a).ToList();

        Assert.Equal(200, alerts.Count);
        Assert.Equal(200, alerts.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Expire_ForgetsWhatNoWindowReaches()
    {
        var evaluator = Evaluator();
        Deny(evaluator, s_steward, "pitch", MatchDay, "a");
        Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(1), "b");
        var first = Assert.Single(Deny(evaluator, s_steward, "pitch", MatchDay.AddMinutes(2), "c"));

        // One badge, three checkpoints (a, b, c) and the badge's last sighting.
        Assert.Equal(5, evaluator.TrackedSubjects);
        _time.SetUtcNow(MatchDay.AddMinutes(11));
        Assert.Equal(3, evaluator.Expire()); // the checkpoints: their last denial is more than 5 minutes old
        _time.SetUtcNow(MatchDay.AddMinutes(30));
        Assert.Equal(1, evaluator.Expire()); // the badge: ten minutes past, and its episode's bucket too
        _time.SetUtcNow(MatchDay.AddMinutes(2 + 90));
        Assert.Equal(1, evaluator.Expire()); // the travel track: no journey is longer than 90 minutes
        Assert.Equal(0, evaluator.TrackedSubjects);

        // A new episode after forgetting is in a later bucket: it has an id of its own.
        var later = MatchDay.AddMinutes(95);
        Deny(evaluator, s_steward, "pitch", later, "a");
        Deny(evaluator, s_steward, "pitch", later.AddSeconds(1), "a");
        Assert.NotEqual(first.Id, Assert.Single(Deny(evaluator, s_steward, "pitch", later.AddSeconds(2), "a")).Id);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new AccreditationAlertOptions { BadgeDenials = 0, SameVenueTravel = TimeSpan.FromSeconds(30) };

        var error = Assert.Throws<ArgumentException>(() => new AccreditationAlertEvaluator(Cup, _time, options));

        Assert.Contains("BadgeDenials must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("SameVenueTravel (00:00:30) must be at least SameZoneTravel (00:01:00)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_VerdictAboutAnotherBadge_Throws()
    {
        var verdict = new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.ZoneNotAllowed, s_steward);

        Assert.Throws<ArgumentException>(() => Evaluator().Observe(Scan("OTHER", "pitch", MatchDay), verdict));
    }

    private AccreditationAlertEvaluator Evaluator(AccreditationAlertOptions? options = null) => new(Cup, _time, options);

    private static IReadOnlyList<Alert> Deny(AccreditationAlertEvaluator evaluator, AccreditedPerson person, string zone, DateTimeOffset time, string checkpoint) =>
        evaluator.Observe(
            Scan(person.BadgeId, zone, time, checkpoint: checkpoint),
            new AccreditationVerdict(AccreditationDecision.Deny, AccreditationReason.ZoneNotAllowed, person));
}
