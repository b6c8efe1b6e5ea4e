using Haris.Core.Alerts;
using static Haris.Detection.Tests.Correlation.CorrelationHarness;

namespace Haris.Detection.Tests.Correlation;

public sealed class CorrelationTests
{
    [Fact]
    public void EventCount_AlertsOnTheEventThatReachesTheCount_WithGroupCountTimesAndLines()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        for (var i = 0; i < 5; i++)
        {
            h.Feed(i * 10, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
        }

        var alert = Assert.Single(h.Of("Brute force"));
        Assert.Equal([new KeyValuePair<string, string?>("source.ip", "203.0.113.5")], alert.Group);
        Assert.Equal(5, alert.Count);
        Assert.Equal((At(0), At(40)), (alert.FirstSeen, alert.LastSeen));
        Assert.Equal([1L, 2, 3, 4, 5], alert.Lines!.Select(l => l.Line));
        Assert.Equal(("test.log", 5L), (alert.SourceFile, alert.SourceLine));
        Assert.Equal(AlertLevel.High, alert.Level);
        Assert.Equal("Tester", alert.RuleAuthor);
    }

    [Fact]
    public void EventCount_SlidesOverEventTime()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));

        // No 60 s window holds five of these; the one ending at 150 holds 100, 120, 130, 140 and 150.
        foreach (var t in new[] { 0, 10, 20, 30, 100, 120, 130, 140 })
        {
            h.Feed(t, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
        }

        Assert.Empty(h.Of("Brute force"));
        h.Feed(150, ("outcome", "failure"), ("source.ip", "203.0.113.5"));

        Assert.Equal(At(100), Assert.Single(h.Of("Brute force")).FirstSeen);
    }

    [Fact]
    public void EventCount_WindowEndIsInclusive()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        foreach (var t in new[] { 0, 15, 30, 45, 60 })
        {
            h.Feed(t, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
        }

        Assert.Single(h.Of("Brute force"));
    }

    [Fact]
    public void EventCount_LateLine_CountsAtTheGroupsLatestTime()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        foreach (var t in new[] { 100, 101, 102, 103 })
        {
            h.Feed(t, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
        }

        // Written late by the server: it still counts, at 103.
        h.Feed(20, ("outcome", "failure"), ("source.ip", "203.0.113.5"));

        Assert.Equal(At(103), Assert.Single(h.Of("Brute force")).LastSeen);
    }

    [Fact]
    public void EventCount_CountsEachGroupApart_AndStartsAfreshAfterAnAlert()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        for (var i = 0; i < 10; i++)
        {
            h.Feed(i, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
            h.Feed(i, ("outcome", "failure"), ("source.ip", i % 2 == 0 ? "198.51.100.1" : "198.51.100.2"));
        }

        Assert.Equal(2, h.Of("Brute force").Count(a => a.Group![0].Value == "203.0.113.5"));
        Assert.Equal(2, h.Of("Brute force").Count(a => a.Group![0].Value == "198.51.100.1" || a.Group![0].Value == "198.51.100.2"));
    }

    [Fact]
    public void EventsWithoutTheGroupByField_BelongToNoGroup()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        for (var i = 0; i < 10; i++)
        {
            h.Feed(i, ("outcome", "failure"));
        }

        Assert.Empty(h.Of("Brute force"));
    }

    [Fact]
    public void EventsWithoutTime_AreCountedAsUntimed_NotPlaced()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        for (var i = 0; i < 10; i++)
        {
            h.Feed(null, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
        }

        Assert.Empty(h.Of("Brute force"));
        Assert.Equal(10, h.Session.Correlations.UntimedEvents);
    }

    [Fact]
    public void NoGroupBy_CountsEverythingAsOneGroup()
    {
        var h = new CorrelationHarness(CorrelationDoc("Many failures", """
                type: event_count
                rules: [failed_login]
                timespan: 1m
                condition: {gt: 2}
            """));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "a"));
        h.Feed(1, ("outcome", "failure"), ("source.ip", "b"));
        h.Feed(2, ("outcome", "failure"));

        var alert = Assert.Single(h.Of("Many failures"));
        Assert.Empty(alert.Group!);
        Assert.Equal(3, alert.Count);
    }

    [Fact]
    public void ValueCount_CountsDistinctValuesPerGroup()
    {
        var h = new CorrelationHarness(CorrelationDoc("Stuffing", """
                type: value_count
                rules: [failed_login]
                group-by: [source.ip]
                timespan: 5m
                condition:
                    gte: 3
                    field: user.name
            """));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "203.0.113.9"), ("user.name", "alice"));
        h.Feed(1, ("outcome", "failure"), ("source.ip", "203.0.113.9"), ("user.name", "alice"));
        h.Feed(2, ("outcome", "failure"), ("source.ip", "203.0.113.9"), ("user.name", "bob"));
        h.Feed(3, ("outcome", "failure"), ("source.ip", "203.0.113.9"));
        Assert.Empty(h.Of("Stuffing"));

        h.Feed(4, ("outcome", "failure"), ("source.ip", "203.0.113.9"), ("user.name", "carol"));

        var alert = Assert.Single(h.Of("Stuffing"));
        Assert.Equal(3, alert.Count);
        Assert.Equal(At(1), alert.FirstSeen);
    }

    [Fact]
    public void ValueCount_ForgetsValuesOlderThanTheTimespan()
    {
        var h = new CorrelationHarness(CorrelationDoc("Stuffing", """
                type: value_count
                rules: [failed_login]
                group-by: [source.ip]
                timespan: 1m
                condition: {gte: 3, field: user.name}
            """));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "x"), ("user.name", "a"));
        h.Feed(30, ("outcome", "failure"), ("source.ip", "x"), ("user.name", "b"));
        h.Feed(70, ("outcome", "failure"), ("source.ip", "x"), ("user.name", "c"));

        Assert.Empty(h.Of("Stuffing"));
    }

    [Fact]
    public void Temporal_NeedsEveryRuleInTheWindow_InAnyOrder()
    {
        var h = new CorrelationHarness(CorrelationDoc("Fail then succeed", """
                type: temporal
                rules: [login_ok, failed_login]
                group-by: [user.name]
                timespan: 2m
            """));
        h.Feed(0, ("outcome", "success"), ("user.name", "bob"));
        h.Feed(30, ("outcome", "failure"), ("user.name", "bob"));
        h.Feed(30, ("outcome", "failure"), ("user.name", "eve"));
        h.Feed(500, ("outcome", "success"), ("user.name", "eve"));

        var alert = Assert.Single(h.Of("Fail then succeed"));
        Assert.Equal("bob", alert.Group![0].Value);
        Assert.Equal(2, alert.Count);
    }

    [Fact]
    public void TemporalOrdered_NeedsTheListedOrder()
    {
        var h = new CorrelationHarness(CorrelationDoc("Fail then succeed", """
                type: temporal_ordered
                rules: [failed_login, login_ok]
                group-by: [user.name]
                timespan: 2m
            """));
        h.Feed(0, ("outcome", "success"), ("user.name", "bob"));
        h.Feed(10, ("outcome", "failure"), ("user.name", "bob"));
        Assert.Empty(h.Of("Fail then succeed"));

        h.Feed(20, ("outcome", "success"), ("user.name", "bob"));

        var alert = Assert.Single(h.Of("Fail then succeed"));
        Assert.Equal((At(10), At(20)), (alert.FirstSeen, alert.LastSeen));
        Assert.Equal([2L, 3], alert.Lines!.Select(l => l.Line));
    }

    [Fact]
    public void TemporalOrdered_ChainLongerThanTheTimespan_DoesNotAlert()
    {
        var h = new CorrelationHarness(CorrelationDoc("Fail then succeed", """
                type: temporal_ordered
                rules: [failed_login, login_ok]
                group-by: [user.name]
                timespan: 1m
            """));
        h.Feed(0, ("outcome", "failure"), ("user.name", "bob"));
        h.Feed(61, ("outcome", "success"), ("user.name", "bob"));

        Assert.Empty(h.Of("Fail then succeed"));
    }

    [Theory]
    // Upper bounds are decided when the window closes: at the input's end here.
    [InlineData("{lt: 3}", 2, true)]
    [InlineData("{lt: 3}", 3, false)]
    [InlineData("{eq: 3}", 3, true)]
    [InlineData("{neq: 3}", 4, true)]
    [InlineData("{gte: 2, lte: 4}", 4, true)]
    [InlineData("{gte: 2, lte: 4}", 5, false)]
    public void UpperBoundsAndRanges_AreDecidedWhenTheWindowCloses(string condition, int events, bool expected)
    {
        var h = new CorrelationHarness(CorrelationDoc("Few logins", $"""
                type: event_count
                rules: [login_ok]
                group-by: [user.name]
                timespan: 10m
                condition: {condition}
            """));
        for (var i = 0; i < events; i++)
        {
            h.Feed(i, ("outcome", "success"), ("user.name", "bob"));
        }

        Assert.Empty(h.Of("Few logins"));
        h.Complete();

        Assert.Equal(expected, h.Of("Few logins").Count == 1);
    }

    [Fact]
    public void Windows_CloseWhenEventTimePassesTheirEnd()
    {
        var h = new CorrelationHarness(CorrelationDoc("Few logins", """
                type: event_count
                rules: [login_ok]
                group-by: [user.name]
                timespan: 1m
                condition: {lt: 3}
            """));
        h.Feed(0, ("outcome", "success"), ("user.name", "bob"));

        // Any later event moves event time; the window of bob closes once time is well past its end.
        h.Feed(200, ("kind", "request"));

        var alert = Assert.Single(h.Of("Few logins"));
        Assert.Equal(1, alert.Count);
        Assert.Equal("bob", alert.Group![0].Value);
    }

    [Fact]
    public void ValueSumAndAvg_MeasureANumericField()
    {
        var h = new CorrelationHarness(
            CorrelationDoc("Big transfer", """
                    type: value_sum
                    rules: [any_request]
                    group-by: [source.ip]
                    timespan: 5m
                    condition: {gt: 1000, field: bytes}
                """) + "---\n" + CorrelationDoc("Large average", """
                    type: value_avg
                    rules: [any_request]
                    group-by: [source.ip]
                    timespan: 5m
                    condition: {gte: 400, field: bytes}
                """));
        h.Feed(0, ("kind", "request"), ("source.ip", "x"), ("bytes", "600"));
        h.Feed(1, ("kind", "request"), ("source.ip", "x"), ("bytes", "not a number"));
        h.Feed(2, ("kind", "request"), ("source.ip", "x"), ("bytes", "500"));
        h.Complete();

        Assert.Equal(1100, Assert.Single(h.Of("Big transfer")).Value);
        Assert.Equal(550, Assert.Single(h.Of("Large average")).Value);
    }

    [Fact]
    public void GenerateFalse_SilencesTheBaseRule_GenerateTrueKeepsIt()
    {
        var silent = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        silent.Feed(0, ("outcome", "failure"), ("source.ip", "x"));
        Assert.Empty(silent.Of("Failed login"));

        var loud = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce + "\n    generate: true"));
        loud.Feed(0, ("outcome", "failure"), ("source.ip", "x"));
        Assert.Single(loud.Of("Failed login"));

        // A rule no correlation refers to alerts as usual.
        silent.Feed(1, ("outcome", "success"), ("source.ip", "x"));
        Assert.Single(silent.Of("Successful login"));
    }

    [Fact]
    public void Aliases_GroupRulesOnDifferentlyNamedFields()
    {
        var h = new CorrelationHarness(CorrelationDoc("Same address", """
                type: temporal
                rules: [failed_login, any_request]
                group-by: [addr]
                timespan: 1m
                aliases:
                    addr:
                        failed_login: source.ip
                        any_request: client
            """));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "203.0.113.1"));
        h.Feed(5, ("kind", "request"), ("client", "203.0.113.1"));

        var alert = Assert.Single(h.Of("Same address"));
        Assert.Equal([new KeyValuePair<string, string?>("addr", "203.0.113.1")], alert.Group);
    }

    [Fact]
    public void RulesReferredById_Resolve()
    {
        var h = new CorrelationHarness(CorrelationDoc("By id", """
                type: event_count
                rules: [10000000-0000-4000-8000-000000000001]
                group-by: [source.ip]
                timespan: 1m
                condition: {gte: 2}
            """));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "x"));
        h.Feed(1, ("outcome", "failure"), ("source.ip", "x"));

        Assert.Single(h.Of("By id"));
    }

    [Fact]
    public void Chaining_ACorrelationCountsAnotherOnesAlerts()
    {
        var h = new CorrelationHarness(
            CorrelationDoc("Burst", """
                    type: event_count
                    rules: [failed_login]
                    group-by: [source.ip]
                    timespan: 1m
                    condition: {gte: 2}
                """) + "---\n" + CorrelationDoc("Repeated bursts", """
                    type: event_count
                    rules: [burst]
                    group-by: [source.ip]
                    timespan: 10m
                    condition: {gte: 2}
                """, level: "critical"));
        for (var i = 0; i < 4; i++)
        {
            h.Feed(i * 30, ("outcome", "failure"), ("source.ip", "203.0.113.7"));
        }

        var outer = Assert.Single(h.Of("Repeated bursts"));
        Assert.Equal("203.0.113.7", outer.Group![0].Value);
        Assert.Equal(AlertLevel.Critical, outer.Level);

        // The inner correlation counts for the outer one only (generate is false).
        Assert.Empty(h.Of("Burst"));
    }

    [Fact]
    public void TwoHalvesFedOneAfterTheOther_GiveTheAlertsOfTheWhole()
    {
        static List<string> Run(bool split)
        {
            var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
            for (var i = 0; i < 40; i++)
            {
                h.Source = split && i >= 17 ? "second.log" : "first.log";
                h.Feed(i * 7, ("outcome", "failure"), ("source.ip", i % 3 == 0 ? "a" : "b"));
            }

            h.Complete();
            return [.. h.Alerts.Select(a => $"{a.RuleTitle}|{a.Group![0].Value}|{a.Count}|{a.FirstSeen:O}|{a.LastSeen:O}")];
        }

        var whole = Run(split: false);

        Assert.NotEmpty(whole);
        Assert.Equal(whole, Run(split: true));
    }

    [Fact]
    public void IdleGroups_AreEvicted_OnceEventTimeMovesPastThem()
    {
        var h = new CorrelationHarness(CorrelationDoc("Brute force", BruteForce));
        for (var i = 0; i < 1000; i++)
        {
            h.Feed(i * 0.01, ("outcome", "failure"), ("source.ip", $"10.0.{i / 256}.{i % 256}"));
        }

        Assert.Equal(1000, h.Session.Correlations.GroupCount);

        h.Feed(200, ("kind", "request"));

        Assert.Equal(0, h.Session.Correlations.GroupCount);
    }
}
