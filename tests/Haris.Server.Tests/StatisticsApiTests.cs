using Haris.Core.Alerts;
using Haris.Core.Security;
using Haris.Storage.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class StatisticsApiTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    // A past evening of its own, so the figures are exactly what these tests stored.
    private static readonly DateTimeOffset s_kickOff = new(2025, 6, 14, 18, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Each test runs on a new instance; fixed ids make the store keep one copy however often this runs.
    public async ValueTask InitializeAsync()
    {
        StoredAlert[] evening =
        [
            TestData.StoredAlert("sqli", AlertLevel.High, s_kickOff.AddSeconds(10), "203.0.113.1", "stadium-a", count: 5, ruleTitle: "SQL injection"),
            TestData.StoredAlert("sqli", AlertLevel.High, s_kickOff.AddSeconds(50), "203.0.113.2", "stadium-b", count: 3, ruleTitle: "SQL injection"),
            TestData.StoredAlert("bots", AlertLevel.Medium, s_kickOff.AddSeconds(65), "203.0.113.3", "stadium-a", count: 2, ruleTitle: "Scalper bots"),
            TestData.StoredAlert("bots", AlertLevel.Medium, s_kickOff.AddMinutes(75), "203.0.113.3", null, count: 4, ruleTitle: "Scalper bots"),
        ];
        for (var i = 0; i < evening.Length; i++)
        {
            evening[i].Id = "statistics-evening-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await server.App.Services.GetRequiredService<AlertStore>().AddAsync(evening, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Statistics_AttacksPerMinute_SumCounts()
    {
        using var commander = server.ClientFor(Roles.Commander);

        var (status, body) = await commander.GetJsonAsync("/api/v1/statistics/attacks?from=2025-06-14T18:00:00Z&to=2025-06-14T18:03:00Z&bucket=minute&by=kind");

        Assert.Equal(200, status);
        Assert.Equal(10, body.GetProperty("total").GetInt64());
        var buckets = body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(3, buckets.Count);
        Assert.Equal(s_kickOff, buckets[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(8, buckets[0].GetProperty("counts").GetProperty("sqli").GetInt64());
        Assert.Equal(2, buckets[1].GetProperty("counts").GetProperty("bots").GetInt64());
        Assert.Equal([8L, 2L, 0L], buckets.Select(b => b.GetProperty("total").GetInt64()));
        var keys = body.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["sqli", "bots"], keys.Select(k => k.GetProperty("key").GetString()));
        Assert.Equal("SQL injection", keys[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Statistics_AttacksPerHourByVenue_PutVenuelessAlertsUnderAnEmptyKey()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (_, body) = await analyst.GetJsonAsync("/api/v1/statistics/attacks?from=2025-06-14T18:00:00Z&to=2025-06-14T20:00:00Z&bucket=hour&by=venue");

        var buckets = body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(2, buckets.Count);
        Assert.Equal(7, buckets[0].GetProperty("counts").GetProperty("stadium-a").GetInt64());
        Assert.Equal(3, buckets[0].GetProperty("counts").GetProperty("stadium-b").GetInt64());
        Assert.Equal(4, buckets[1].GetProperty("counts").GetProperty("").GetInt64());
    }

    [Fact]
    public async Task Statistics_OneVenue_CountsOnlyIt()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (_, body) = await analyst.GetJsonAsync("/api/v1/statistics/attacks?from=2025-06-14T18:00:00Z&to=2025-06-14T18:05:00Z&venue=stadium-b");

        Assert.Equal(3, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Statistics_UnalignedRange_IsWidenedToWholeBuckets()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (_, body) = await analyst.GetJsonAsync("/api/v1/statistics/attacks?from=2025-06-14T18:00:30Z&to=2025-06-14T18:01:10Z");

        Assert.Equal(s_kickOff, body.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(s_kickOff.AddMinutes(2), body.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(10, body.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("bucket=second", "bucket must be minute or hour (got 'second')")]
    [InlineData("by=rule", "by must be kind or venue (got 'rule')")]
    [InlineData("from=2025-06-14T18:00:00Z&to=2025-06-14T17:00:00Z", "from must be before to")]
    // The cap bounds both the answer and the rows read to make it.
    [InlineData("from=2025-06-01T00:00:00Z&to=2025-06-03T00:00:00Z&bucket=minute", "the range holds 2880 minute buckets; at most 1440 are answered (24 hours by minute, 60 days by hour)")]
    public async Task Statistics_BadQuery_Is400Saying(string query, string detail)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.GetJsonAsync("/api/v1/statistics/attacks?" + query);

        Assert.Equal(400, status);
        Assert.Equal(detail, body.Detail());
    }

    [Fact]
    public async Task Summary_CountsOpenIncidentsRecentAlertsAndActiveBlocks()
    {
        using var commander = server.ClientFor(Roles.Commander);
        var (_, before) = await commander.GetJsonAsync("/api/v1/statistics/summary");
        await commander.PostJsonAsync("/api/v1/incidents", new { title = "Pitch invasion", category = "pitch_invasion", severity = "high", venue = "stadium-a" });
        await commander.PostJsonAsync("/api/v1/decisions", new { scope = "203.0.113.99", duration = "1h", reason = "x" });
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync(
            [TestData.StoredAlert("recent", AlertLevel.Medium, DateTimeOffset.UtcNow.AddMinutes(-5), count: 6)], Cancel);

        var (status, after) = await commander.GetJsonAsync("/api/v1/statistics/summary");

        Assert.Equal(200, status);
        Assert.Equal(Count(before, "open_incidents") + 1, Count(after, "open_incidents"));
        Assert.Equal(Count(before, "open_incidents_by_severity", "high") + 1, Count(after, "open_incidents_by_severity", "high"));
        Assert.Equal(Count(before, "alerts_last_hour_by_level", "medium") + 1, Count(after, "alerts_last_hour_by_level", "medium"));
        Assert.Equal(Count(before, "attacks_last_hour") + 6, Count(after, "attacks_last_hour"));
        Assert.Equal(Count(before, "active_decisions") + 1, Count(after, "active_decisions"));
        Assert.Equal(0, Count(after, "alerts_last_hour_by_level", "critical") - Count(before, "alerts_last_hour_by_level", "critical"));
    }

    private static long Count(System.Text.Json.JsonElement body, string name, string? key = null) =>
        key is null ? body.GetProperty(name).GetInt64() : body.GetProperty(name).GetProperty(key).GetInt64();
}
