using Haris.Core.Alerts;
using Haris.Operations.Crowd;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Operations.Tests.Crowd;

public sealed class CrowdAlertEvaluatorTests
{
    private static readonly DateTimeOffset s_gatesOpen = new(2026, 6, 11, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_kickOff = new(2026, 6, 11, 20, 0, 0, TimeSpan.Zero);

    // One zone of safe capacity 1,000 and one gate of 10 turnstiles (110 a minute).
    private static readonly CrowdMatch s_match = new("stadium-a", "m1", s_gatesOpen, s_kickOff, [new CrowdZone("north", 1_000)], [new CrowdGate("A", 10)]);

    // Before the gates open, so a gate is not also silent in the tests of other conditions.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 11, 16, 0, 0, TimeSpan.Zero));

    [Theory]
    // 899 of 1,000 is 89.9%: below 90%, nothing.
    [InlineData(899, new string[0])]
    // 900 is exactly 90%: "at 90%" includes it.
    [InlineData(900, new[] { "haris_crowd_zone_90" })]
    // 999 is 99.9%: still short of full.
    [InlineData(999, new[] { "haris_crowd_zone_90" })]
    // 1,000 is full: both, the high one and the critical one.
    [InlineData(1_000, new[] { "haris_crowd_zone_90", "haris_crowd_zone_100" })]
    public void EvaluateZones_EdgesOfSafeCapacity(int inside, string[] expected)
    {
        var evaluator = new CrowdAlertEvaluator(s_match, _time);

        var alerts = evaluator.EvaluateZones(Occupancy(inside));

        Assert.Equal(expected, alerts.Select(a => a.RuleName));
    }

    [Fact]
    public void EvaluateZones_At90Percent_HighAlertWithVenueZoneAndValues()
    {
        var alert = Assert.Single(new CrowdAlertEvaluator(s_match, _time).EvaluateZones(Occupancy(912)));

        Assert.Equal(CrowdAlertRules.ZoneNearCapacity.Id, alert.RuleId);
        Assert.Equal("Zone at 90% of its safe capacity", alert.RuleTitle);
        Assert.Equal(AlertLevel.High, alert.Level);
        Assert.Equal("Haris", alert.RuleAuthor);
        Assert.Equal(_time.GetUtcNow(), alert.Timestamp);
        var fields = alert.Fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("stadium-a", fields["venue"]);
        Assert.Equal("m1", fields["match"]);
        Assert.Equal("north", fields["zone"]);
        Assert.Equal(912L, fields["occupancy"]);
        Assert.Equal(1_000L, fields["safe_capacity"]);
        Assert.Equal(91.2, fields["occupancy_percent"]); // 912 / 1,000
        Assert.Equal(90, fields["threshold_percent"]);
        Assert.Equal(["venue", "match", "zone"], alert.Group!.Select(g => g.Key));
    }

    [Fact]
    public void EvaluateZones_Full_Critical()
    {
        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateZones(Occupancy(1_050));

        Assert.Equal(AlertLevel.Critical, alerts.Single(a => a.RuleName == "haris_crowd_zone_100").Level);
    }

    [Fact]
    public void EvaluateZones_ConditionLasting_RaisedOnce()
    {
        var evaluator = new CrowdAlertEvaluator(s_match, _time);

        Assert.Single(evaluator.EvaluateZones(Occupancy(900)));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(evaluator.EvaluateZones(Occupancy(950)));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(evaluator.EvaluateZones(Occupancy(920)));
    }

    [Fact]
    public void EvaluateZones_ClearedThenBack_RaisedAgainWithANewId()
    {
        var evaluator = new CrowdAlertEvaluator(s_match, _time);

        var first = Assert.Single(evaluator.EvaluateZones(Occupancy(900)));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(evaluator.EvaluateZones(Occupancy(899))); // cleared: re-armed
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = Assert.Single(evaluator.EvaluateZones(Occupancy(900)));

        // Both episodes fall in the same five-minute bucket; the second still gets an id of its own.
        Assert.Equal(first.RuleId, second.RuleId);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Evaluate_RestartedEvaluatorInSameBucket_SameId()
    {
        var first = Assert.Single(new CrowdAlertEvaluator(s_match, _time).EvaluateZones(Occupancy(900)));
        _time.Advance(TimeSpan.FromMinutes(1));

        // A fresh evaluator (after a restart) sees the episode as new, but within the same five-minute bucket it
        // derives the same id, so the alert store keeps one alert.
        var again = Assert.Single(new CrowdAlertEvaluator(s_match, _time).EvaluateZones(Occupancy(930)));

        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public void Evaluate_DifferentZonesOrVenues_DifferentIds()
    {
        var match = s_match with { Zones = [new CrowdZone("north", 1_000), new CrowdZone("south", 1_000)] };
        var tracker = new OccupancyTracker("stadium-a", "m1");
        Enter(tracker, "north", 900);
        Enter(tracker, "south", 900);
        var otherVenue = new OccupancyTracker("stadium-b", "m1");
        Enter(otherVenue, "north", 900);

        var here = new CrowdAlertEvaluator(match, _time).EvaluateZones(tracker.Snapshot());
        var there = new CrowdAlertEvaluator(s_match with { VenueId = "stadium-b" }, _time).EvaluateZones(otherVenue.Snapshot());

        Assert.Equal(3, here.Concat(there).Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void EvaluateZones_SnapshotOfAnotherMatch_Throws()
    {
        var evaluator = new CrowdAlertEvaluator(s_match, _time);

        Assert.Throws<ArgumentException>(() => evaluator.EvaluateZones(new OccupancyTracker("stadium-a", "m2").Snapshot()));
    }

    [Theory]
    // 10 turnstiles pass 110 a minute; 85% is 93.5. 93 in the last minute is not above it, 94 is.
    [InlineData(93, false)]
    [InlineData(94, true)]
    public void EvaluateGates_RateInLastMinute_MediumAbove85Percent(int admitted, bool raised)
    {
        var gates = new GateActivityTracker();
        Spread(gates, admitted, GateScanOutcome.Admitted, TimeSpan.FromMinutes(1));

        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateGates(gates);

        var alert = alerts.SingleOrDefault(a => a.RuleName == "haris_crowd_gate_rate_85");
        Assert.Equal(raised, alert is not null);
        if (alert is not null)
        {
            Assert.Equal(AlertLevel.Medium, alert.Level);
            var fields = alert.Fields.ToDictionary(f => f.Key, f => f.Value);
            Assert.Equal("A", fields["gate"]);
            Assert.Equal(10, fields["turnstiles"]);
            Assert.Equal(94, fields["admitted"]);
            Assert.Equal(110.0, fields["capacity_per_minute"]);
            Assert.Equal(85.5, fields["utilisation_percent"]); // 94 / 110 = 85.45%, to a tenth
        }
    }

    [Theory]
    // Over five minutes 10 turnstiles pass 550; 85% is 467.5. The last minute holds 93 (below its own 93.5) either way.
    [InlineData(467, false)]
    [InlineData(468, true)]
    public void EvaluateGates_RateOverFiveMinutes_HighAbove85Percent(int admitted, bool raised)
    {
        var gates = new GateActivityTracker();
        var now = _time.GetUtcNow();
        Spread(gates, 93, GateScanOutcome.Admitted, TimeSpan.FromMinutes(1));
        Spread(gates, admitted - 93, GateScanOutcome.Admitted, TimeSpan.FromMinutes(4), now.AddMinutes(-1));

        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateGates(gates);

        Assert.DoesNotContain(alerts, a => a.RuleName == "haris_crowd_gate_rate_85");
        var alert = alerts.SingleOrDefault(a => a.RuleName == "haris_crowd_gate_rate_85_sustained");
        Assert.Equal(raised, alert is not null);
        Assert.True(alert is null || alert.Level == AlertLevel.High);
    }

    [Theory]
    // 49 counterfeits in 1,000 scans is 4.9%: not a wave.
    [InlineData(49, 1_000, false)]
    // 50 in 1,000 is exactly 5%: "above 5%" does not include it.
    [InlineData(50, 1_000, false)]
    // 51 in 1,000 is 5.1%: a wave.
    [InlineData(51, 1_000, true)]
    // 3 in 49 is 6.1%, but 49 scans are too few to call it a wave.
    [InlineData(3, 49, false)]
    // 3 in 50 is 6%, and 50 scans are enough.
    [InlineData(3, 50, true)]
    public void EvaluateGates_CounterfeitShareOverFiveMinutes_WaveAbove5Percent(int counterfeit, int scans, bool raised)
    {
        var gates = new GateActivityTracker();
        var now = _time.GetUtcNow();

        // The counterfeits lie in the first four minutes, so the one-minute burst (ten or more) never fires here.
        Spread(gates, scans - counterfeit, GateScanOutcome.Admitted, TimeSpan.FromMinutes(5));
        Spread(gates, counterfeit, GateScanOutcome.Counterfeit, TimeSpan.FromMinutes(4), now.AddMinutes(-1));

        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateGates(gates);

        Assert.DoesNotContain(alerts, a => a.RuleName == "haris_crowd_counterfeit_burst");
        var alert = alerts.SingleOrDefault(a => a.RuleName == "haris_crowd_counterfeit_wave");
        Assert.Equal(raised, alert is not null);
        if (alert is not null)
        {
            Assert.Equal(AlertLevel.High, alert.Level);
            var fields = alert.Fields.ToDictionary(f => f.Key, f => f.Value);
            Assert.Equal(scans, fields["scans"]);
            Assert.Equal(counterfeit, fields["counterfeit"]);
        }
    }

    [Theory]
    // Nine counterfeits in a minute is not a burst; ten is.
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void EvaluateGates_CounterfeitsInOneMinute_BurstAtTen(int counterfeit, bool raised)
    {
        var gates = new GateActivityTracker();
        Spread(gates, counterfeit, GateScanOutcome.Counterfeit, TimeSpan.FromMinutes(1));

        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateGates(gates);

        var alert = alerts.SingleOrDefault(a => a.RuleName == "haris_crowd_counterfeit_burst");
        Assert.Equal(raised, alert is not null);
        Assert.True(alert is null || alert.Level == AlertLevel.High);

        // Too few scans for a share: the wave needs 50.
        Assert.DoesNotContain(alerts, a => a.RuleName == "haris_crowd_counterfeit_wave");
    }

    [Theory]
    // Last scan at 17:30:00. At 17:32:59 the gate has been quiet 2:59: nothing. At 17:33:00, 3:00: silent.
    [InlineData(179, false)]
    [InlineData(180, true)]
    public void EvaluateGates_NoScansDuringIngress_SilentAtThreeMinutes(int quietSeconds, bool raised)
    {
        var gates = new GateActivityTracker();
        var lastScan = s_gatesOpen.AddMinutes(30);
        gates.Record(new GateScan(lastScan, "A", GateScanOutcome.Admitted));
        _time.SetUtcNow(lastScan.AddSeconds(quietSeconds));

        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateGates(gates);

        var alert = alerts.SingleOrDefault(a => a.RuleName == "haris_crowd_gate_silent");
        Assert.Equal(raised, alert is not null);
        if (alert is not null)
        {
            Assert.Equal(AlertLevel.Medium, alert.Level);
            var fields = alert.Fields.ToDictionary(f => f.Key, f => f.Value);
            Assert.Equal("2026-06-11T17:30:00.000Z", fields["last_scan"]);
            Assert.Equal(180L, fields["silent_seconds"]);
        }
    }

    [Theory]
    // A gate that never scanned is silent three minutes after the gates open, not before.
    [InlineData(-60, false)] // before the gates open: no ingress to be silent in
    [InlineData(179, false)]
    [InlineData(180, true)]
    public void EvaluateGates_NeverScanned_SilenceCountedFromGatesOpen(int secondsAfterOpen, bool raised)
    {
        _time.SetUtcNow(s_gatesOpen.AddSeconds(secondsAfterOpen));

        var alerts = new CrowdAlertEvaluator(s_match, _time).EvaluateGates(new GateActivityTracker());

        Assert.Equal(raised, alerts.Any(a => a.RuleName == "haris_crowd_gate_silent"));
    }

    [Fact]
    public void EvaluateGates_AfterKickOff_NotSilentAndRearmed()
    {
        var gates = new GateActivityTracker();
        var evaluator = new CrowdAlertEvaluator(s_match, _time);
        gates.Record(new GateScan(s_kickOff.AddMinutes(-10), "A", GateScanOutcome.Admitted));

        _time.SetUtcNow(s_kickOff.AddMinutes(-5));
        Assert.Single(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_gate_silent");

        // Ingress is over at kick-off: a quiet gate is expected, and the condition clears.
        _time.SetUtcNow(s_kickOff);
        Assert.DoesNotContain(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_gate_silent");
    }

    [Fact]
    public void EvaluateGates_SilenceBrokenThenBack_RaisedOncePerEpisode()
    {
        var gates = new GateActivityTracker();
        var evaluator = new CrowdAlertEvaluator(s_match, _time);
        var start = s_gatesOpen.AddMinutes(30);
        gates.Record(new GateScan(start, "A", GateScanOutcome.Admitted));

        _time.SetUtcNow(start.AddMinutes(3));
        var first = Assert.Single(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_gate_silent");
        _time.SetUtcNow(start.AddMinutes(4));
        Assert.DoesNotContain(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_gate_silent"); // still the same episode

        // A scan ends the silence and re-arms the condition; three quiet minutes later it is raised again.
        gates.Record(new GateScan(start.AddMinutes(5), "A", GateScanOutcome.Admitted));
        _time.SetUtcNow(start.AddMinutes(5));
        Assert.DoesNotContain(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_gate_silent");
        _time.SetUtcNow(start.AddMinutes(8));
        var second = Assert.Single(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_gate_silent");

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void EvaluateGates_BurstLastingThenClearing_RaisedOncePerEpisode()
    {
        var gates = new GateActivityTracker();
        var evaluator = new CrowdAlertEvaluator(s_match, _time);
        var now = _time.GetUtcNow();
        Spread(gates, 12, GateScanOutcome.Counterfeit, TimeSpan.FromMinutes(1));

        Assert.Single(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_counterfeit_burst");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_counterfeit_burst");

        // A minute on, the burst has left the window: cleared. A new one is raised anew.
        _time.SetUtcNow(now.AddMinutes(2));
        Assert.DoesNotContain(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_counterfeit_burst");
        Spread(gates, 10, GateScanOutcome.Counterfeit, TimeSpan.FromMinutes(1));
        Assert.Single(evaluator.EvaluateGates(gates), a => a.RuleName == "haris_crowd_counterfeit_burst");
    }

    [Fact]
    public void Evaluate_ZonesAndGatesTogether()
    {
        var gates = new GateActivityTracker();
        Spread(gates, 100, GateScanOutcome.Admitted, TimeSpan.FromMinutes(1));

        var alerts = new CrowdAlertEvaluator(s_match, _time).Evaluate(Occupancy(1_000), gates);

        Assert.Equal(
            ["haris_crowd_gate_rate_85", "haris_crowd_zone_100", "haris_crowd_zone_90"],
            alerts.Select(a => a.RuleName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_ShortGateHorizon_Throws()
    {
        var evaluator = new CrowdAlertEvaluator(s_match, _time);

        Assert.Throws<ArgumentException>(() => evaluator.EvaluateGates(new GateActivityTracker(TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public void Rules_IdsAndNamesUnique()
    {
        Assert.Equal(CrowdAlertRules.All.Count, CrowdAlertRules.All.Select(r => r.Id).Distinct().Count());
        Assert.Equal(CrowdAlertRules.All.Count, CrowdAlertRules.All.Select(r => r.Name).Distinct().Count());
        Assert.All(CrowdAlertRules.All, r => Assert.StartsWith("haris_crowd_", r.Name, StringComparison.Ordinal));
    }

    private static OccupancySnapshot Occupancy(int inside)
    {
        var tracker = new OccupancyTracker("stadium-a", "m1");
        Enter(tracker, "north", inside);
        return tracker.Snapshot();
    }

    private static void Enter(OccupancyTracker tracker, string zone, int count)
    {
        for (var i = 0; i < count; i++)
        {
            tracker.Record(new OccupancyScan(s_gatesOpen, "A", [zone], PerimeterRing.Inner, ScanDirection.Entry));
        }
    }

    // Records count scans at gate A spread evenly over the whole seconds of the span ending with end's second (the fake
    // clock's now by default), as the gate windows count them.
    private void Spread(GateActivityTracker gates, int count, GateScanOutcome outcome, TimeSpan span, DateTimeOffset? end = null)
    {
        var last = end ?? _time.GetUtcNow();
        var seconds = (long)span.TotalSeconds;
        for (var i = 0; i < count; i++)
        {
            gates.Record(new GateScan(last.AddSeconds(-(seconds * i / count)), "A", outcome));
        }
    }
}
