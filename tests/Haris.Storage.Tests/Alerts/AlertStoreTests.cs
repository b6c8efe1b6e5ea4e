using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Storage.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Tests.Alerts;

public sealed class AlertStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alert_SameIdInsertedTwice_StoredOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new AlertStore(database.Contexts);
        var alert = Make("a1", TestDatabase.Start);

        Assert.Equal(1, await store.AddAsync([alert, Make("a1", TestDatabase.Start)], Token));
        Assert.Equal(0, await store.AddAsync([Make("a1", TestDatabase.Start)], Token));
        Assert.Equal(1, await store.AddAsync([Make("a1", TestDatabase.Start), Make("a2", TestDatabase.Start)], Token));

        await using var db = database.CreateContext();
        Assert.Equal(["a1", "a2"], await db.Alerts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(Token));
    }

    [Fact]
    public async Task Alert_FromCorrelationAlert_KeepsGroupFieldsTagsAndLines()
    {
        await using var database = await TestDatabase.CreateAsync();
        var lines = Enumerable.Range(1, 150).Select(i => new AlertLine("/var/log/nginx/access.log", i)).ToList();
        var alert = new Alert
        {
            Id = Alert.MakeId("rule-1", "/var/log/nginx/access.log", 150),
            RuleId = "rule-1",
            RuleTitle = "Credential stuffing on the ticket shop",
            RuleName = "login_failures",
            RuleAuthor = "Haris",
            Level = AlertLevel.High,
            Timestamp = new DateTimeOffset(2026, 6, 11, 18, 0, 0, TimeSpan.FromHours(3)),
            Tags = ["attack.t1110.004"],
            SourceFile = "/var/log/nginx/access.log",
            SourceLine = 150,
            // Log text is attacker-written: quotes and other scripts must come back as they went in.
            Fields = [new("source.ip", "::ffff:203.0.113.7"), new("event.dataset", "nginx.access"), new("user_agent.original", "\"حارس\" <script>"), new("x.list", new object?[] { "a", null })],
            Group = [new("source.ip", "203.0.113.7")],
            Count = 150,
            FirstSeen = new DateTimeOffset(2026, 6, 11, 14, 55, 0, TimeSpan.Zero),
            LastSeen = new DateTimeOffset(2026, 6, 11, 15, 0, 0, TimeSpan.Zero),
            Lines = lines,
        };

        await new AlertStore(database.Contexts).AddAsync([StoredAlert.FromAlert(alert, TestDatabase.Start, "lusail")], Token);

        await using var db = database.CreateContext();
        var stored = await db.Alerts.SingleAsync(Token);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 15, 0, 0, TimeSpan.Zero), stored.Timestamp);
        Assert.Equal(TimeSpan.Zero, stored.Timestamp.Offset);
        Assert.Equal("203.0.113.7", stored.SourceIp);
        Assert.Equal("nginx.access", stored.Dataset);
        Assert.Equal("lusail", stored.Venue);
        Assert.Equal(AlertGroupKey.For(alert.Group), stored.GroupKey);
        Assert.Equal("203.0.113.7", stored.GroupValues!["source.ip"]);
        Assert.Equal(["attack.t1110.004"], stored.Tags);
        Assert.Equal(StoredAlert.MaxEvidenceLines, stored.EvidenceLines.Count);
        Assert.Equal(new AlertLine("/var/log/nginx/access.log", 100), stored.EvidenceLines[^1]);
        Assert.Equal(150, stored.Count);
        Assert.Equal(AlertStatus.New, stored.Status);
        using var fields = JsonDocument.Parse(stored.Fields);
        Assert.Equal("\"حارس\" <script>", fields.RootElement.GetProperty("user_agent.original").GetString());
        Assert.Equal(JsonValueKind.Null, fields.RootElement.GetProperty("x.list")[1].ValueKind);
    }

    [Fact]
    public async Task Alerts_FilteredByTimeRange_TranslatedToSql()
    {
        await using var database = await TestDatabase.CreateAsync();
        var t = TestDatabase.Start;
        await new AlertStore(database.Contexts).AddAsync(
        [
            Make("before", t.AddMinutes(-1)),
            Make("at-start", t),
            // The same instant as 15:00:30Z written with Qatar's offset: it must sort by instant, not by text.
            Make("offset", new DateTimeOffset(2026, 6, 11, 18, 0, 30, TimeSpan.FromHours(3))),
            Make("fraction", t.AddMinutes(1).AddTicks(5)),
            Make("at-end", t.AddMinutes(2)),
        ], Token);

        await using var db = database.CreateContext();
        var query = db.Alerts.Matching(new AlertFilter(From: t, To: t.AddMinutes(2))).NewestFirst().Select(a => a.Id);
        var sql = query.ToQueryString();

        Assert.Equal(["fraction", "offset", "at-start"], await query.ToListAsync(Token));
        Assert.Contains("WHERE \"a\".\"timestamp\" >= @", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"a\".\"timestamp\" DESC", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_FilteredByLevelSourceAndVenue_MatchNormalisedAddress()
    {
        await using var database = await TestDatabase.CreateAsync();
        var t = TestDatabase.Start;
        await new AlertStore(database.Contexts).AddAsync(
        [
            Make("low", t, AlertLevel.Low, "203.0.113.7"),
            Make("high", t, AlertLevel.High, "203.0.113.7"),
            Make("critical-other", t, AlertLevel.Critical, "198.51.100.1"),
            Make("critical-elsewhere", t, AlertLevel.Critical, "203.0.113.7", venue: "al-bayt"),
        ], Token);

        await using var db = database.CreateContext();
        var ids = await db.Alerts
            .Matching(new AlertFilter(MinLevel: AlertLevel.High, SourceIp: "::ffff:203.0.113.7", Venue: "lusail"))
            .Select(a => a.Id).ToListAsync(Token);

        Assert.Equal(["high"], ids);
    }

    [Fact]
    public async Task Alert_RepeatWithinWindow_CountedIntoRecentAlert()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new AlertStore(database.Contexts);
        var t = TestDatabase.Start;
        await store.AddAsync([Make("first", t)], Token);

        var repeat = Make("repeat", t.AddMinutes(4));
        Assert.True(await store.TrySuppressAsync(repeat, TimeSpan.FromMinutes(5), Token));

        var late = Make("late", t.AddMinutes(30));
        Assert.False(await store.TrySuppressAsync(late, TimeSpan.FromMinutes(5), Token));

        await using var db = database.CreateContext();
        var stored = await db.Alerts.SingleAsync(Token);
        Assert.Equal(2, stored.Count);
        Assert.Equal(t.AddMinutes(4), stored.LastSeen);
    }

    [Fact]
    public async Task Alert_RepeatAfterAlertClosed_StartsAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new AlertStore(database.Contexts);
        var closed = Make("first", TestDatabase.Start);
        closed.Status = AlertStatus.Closed;
        await store.AddAsync([closed], Token);

        Assert.False(await store.TrySuppressAsync(Make("repeat", TestDatabase.Start.AddMinutes(1)), TimeSpan.FromMinutes(5), Token));
    }

    private static StoredAlert Make(string id, DateTimeOffset timestamp, AlertLevel level = AlertLevel.Medium, string? sourceIp = "203.0.113.7", string venue = "lusail") =>
        StoredAlert.FromAlert(
            new Alert
            {
                Id = id,
                RuleId = "web-sqli",
                RuleTitle = "SQL injection attempt",
                Level = level,
                Timestamp = timestamp,
                Fields = sourceIp is null ? [] : [new("source.ip", sourceIp)],
            },
            TestDatabase.Start,
            venue);
}
