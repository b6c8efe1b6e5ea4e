using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Core.Security;
using Haris.Server.Detection;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class RulesApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rules_List_JoinsHitCountsAndLastHit()
    {
        var rule = server.App.Services.GetRequiredService<LiveRules>().List()[0];
        var at = new DateTimeOffset(2025, 6, 15, 20, 0, 0, TimeSpan.Zero);
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync(
            [TestData.StoredAlert(rule.Id, rule.Level, at, count: 3), TestData.StoredAlert(rule.Id, rule.Level, at.AddMinutes(7), count: 4)], Cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.GetJsonAsync("/api/v1/rules");

        Assert.Equal(200, status);
        var listed = body.EnumerateArray().Single(r => r.GetProperty("id").GetString() == rule.Id);
        Assert.Equal(2, listed.GetProperty("alerts").GetInt32());
        Assert.Equal(7, listed.GetProperty("hits").GetInt64());
        Assert.Equal(at.AddMinutes(7), listed.GetProperty("last_hit").GetDateTimeOffset());
        Assert.Equal(rule.Title, listed.GetProperty("title").GetString());
        Assert.Contains(body.EnumerateArray(), r => r.GetProperty("alerts").GetInt32() == 0 && r.GetProperty("last_hit").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Rules_Disable_ListsItOffAndAudits()
    {
        var rule = server.App.Services.GetRequiredService<LiveRules>().List()[^1];
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, changed) = await analyst.PostJsonAsync($"/api/v1/rules/{rule.Id}/disable", null);
        var (_, list) = await analyst.GetJsonAsync("/api/v1/rules");
        var dropped = await server.App.Services.GetRequiredService<AlertIntake>().StoreAsync(
            [TestData.Alert(rule.Id, AlertLevel.High, DateTimeOffset.UtcNow, "192.0.2.5", 1)], null, "web", Cancel);
        var (_, enabled) = await analyst.PostJsonAsync($"/api/v1/rules/{rule.Id}/enable", null);

        Assert.Equal(200, status);
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.False(list.EnumerateArray().Single(r => r.GetProperty("id").GetString() == rule.Id).GetProperty("enabled").GetBoolean());
        Assert.Equal(1, dropped.Disabled);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(["rule.disable", "rule.enable"], await AuditActionsAsync(rule.Id));
    }

    [Fact]
    public async Task Rules_DisableTwice_AuditsOnce()
    {
        var rule = server.App.Services.GetRequiredService<LiveRules>().List()[1];
        using var admin = server.ClientFor(Roles.Admin);

        await admin.PostJsonAsync($"/api/v1/rules/{rule.Id}/disable", null);
        var (status, _) = await admin.PostJsonAsync($"/api/v1/rules/{rule.Id}/disable", null);
        await admin.PostJsonAsync($"/api/v1/rules/{rule.Id}/enable", null);

        Assert.Equal(200, status);
        Assert.Equal(["rule.disable", "rule.enable"], await AuditActionsAsync(rule.Id));
    }

    [Fact]
    public async Task Rules_UnknownId_Is404()
    {
        using var admin = server.ClientFor(Roles.Admin);

        var (status, body) = await admin.PostJsonAsync("/api/v1/rules/no-such-rule/disable", null);

        Assert.Equal(404, status);
        Assert.Equal("no rule 'no-such-rule' is loaded", body.Detail());
    }

    private async Task<List<string>> AuditActionsAsync(string ruleId)
    {
        await using var db = await server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>().CreateDbContextAsync(Cancel);
        return await db.AuditEntries.Where(e => e.TargetType == "rule" && e.TargetId == ruleId).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Cancel);
    }
}
