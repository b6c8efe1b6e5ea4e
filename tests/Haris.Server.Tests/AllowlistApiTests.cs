using System.Globalization;
using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Core.Allowlist;
using Haris.Core.Security;
using Haris.Server.Detection;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Allowlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class AllowlistApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static long s_line;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_SourceIp_IsStoredNormalisedAndAudited()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "source_ip", value = "::ffff:192.0.2.10", reason = "uptime monitor" });

        Assert.Equal(201, status);
        Assert.Equal("source_ip", body.GetProperty("scope").GetString());
        Assert.Equal("192.0.2.10", body.GetProperty("value").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expires_at").ValueKind);
        Assert.Contains("allowlist.create", await AuditActionsAsync(body.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Create_ExpiresIn_EndsTheEntryThen()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (_, body) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "path", value = "/healthz*", reason = "probes", expires_in = "2d" });

        Assert.Equal(TimeSpan.FromDays(2), body.GetProperty("expires_at").GetDateTimeOffset() - body.GetProperty("created_at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("{\"value\":\"x\",\"reason\":\"r\"}", "scope is required: one of rule, source_ip, cidr, path, user")]
    [InlineData("{\"scope\":\"ip\",\"value\":\"x\",\"reason\":\"r\"}", "scope must be one of rule, source_ip, cidr, path, user (got 'ip')")]
    // A path is matched from its start; one without the slash would never match and the mistake would go unseen.
    [InlineData("{\"scope\":\"path\",\"value\":\"admin\",\"reason\":\"r\"}", "'admin' is not a valid path value (a path starts with '/')")]
    [InlineData("{\"scope\":\"cidr\",\"value\":\"10.0.0.0/40\",\"reason\":\"r\"}", "'10.0.0.0/40' is not a valid cidr value")]
    [InlineData("{\"scope\":\"rule\",\"value\":\"no-such-rule\",\"reason\":\"r\"}", "no rule 'no-such-rule' is loaded")]
    [InlineData("{\"scope\":\"user\",\"value\":\"svc\",\"rule_id\":\"no-such-rule\",\"reason\":\"r\"}", "rule_id: no rule 'no-such-rule' is loaded")]
    [InlineData("{\"scope\":\"user\",\"value\":\"svc\"}", "reason is required, at most 1000 characters")]
    [InlineData("{\"scope\":\"user\",\"value\":\"svc\",\"reason\":\"r\",\"expires_in\":\"1h\",\"expires_at\":\"2099-01-01T00:00:00Z\"}", "give expires_in or expires_at, not both")]
    [InlineData("{\"scope\":\"user\",\"value\":\"svc\",\"reason\":\"r\",\"expires_at\":\"2001-01-01T00:00:00Z\"}", "expires_at 2001-01-01T00:00:00.0000000+00:00 is already past")]
    public async Task Create_Invalid_Is400Saying(string json, string detail)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        using var response = await analyst.PostAsync("/api/v1/allowlist", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancel);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(detail, problem.RootElement.Detail());
    }

    [Fact]
    public async Task Create_ForALoadedRule_IsTaken()
    {
        var rule = server.App.Services.GetRequiredService<LiveRules>().List()[0].Id;
        using var analyst = server.ClientFor(Roles.Admin);

        var (status, body) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "source_ip", value = "192.0.2.77", rule_id = rule, reason = "pen test" });

        Assert.Equal(201, status);
        Assert.Equal(rule, body.GetProperty("rule_id").GetString());
    }

    [Fact]
    public async Task Create_SameEntryTwice_Is409NamingIt()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var (_, first) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "user", value = "svc-backup", reason = "batch job" });

        var (status, body) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "user", value = " svc-backup ", reason = "again" });

        Assert.Equal(409, status);
        Assert.Equal($"entry {first.GetProperty("id").GetInt64()} already allows user svc-backup", body.Detail());
    }

    [Fact]
    public async Task Create_SourceIp_StopsItsAlertsBeingStoredAtOnce()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var intake = server.App.Services.GetRequiredService<AlertIntake>();
        var rule = TestData.Unique("rule");
        Assert.Equal(1, (await intake.StoreAsync([TestData.Alert(rule, AlertLevel.Low, DateTimeOffset.UtcNow, "192.0.2.88", NextLine())], null, "web", Cancel)).Stored);

        await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "source_ip", value = "192.0.2.88", reason = "our own scanner" });
        var after = await intake.StoreAsync([TestData.Alert(TestData.Unique("rule"), AlertLevel.Low, DateTimeOffset.UtcNow, "192.0.2.88", NextLine())], null, "web", Cancel);

        Assert.Equal(1, after.Allowlisted);
        Assert.Equal(0, after.Stored);
    }

    [Fact]
    public async Task Delete_RemovesTheEntryAuditsItAndLetsABlockThrough()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var (_, entry) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "cidr", value = "192.0.2.128/25", reason = "venue Wi-Fi" });
        var id = entry.GetProperty("id").GetInt64();
        Assert.Equal(409, (await analyst.PostJsonAsync("/api/v1/decisions", new { scope = "192.0.2.200", duration = "1h", reason = "x" })).Status);

        using var response = await analyst.DeleteAsync($"/api/v1/allowlist/{id}", Cancel);
        var (blocked, _) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = "192.0.2.200", duration = "1h", reason = "x" });

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(201, blocked);
        Assert.Equal(["allowlist.create", "allowlist.delete"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Delete_Unknown_Is404()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        using var response = await analyst.DeleteAsync("/api/v1/allowlist/987654", Cancel);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task List_LeavesExpiredEntriesOutUnlessAsked()
    {
        long expired;
        await using (var db = await Contexts().CreateDbContextAsync(Cancel))
        {
            var entry = AllowlistEntry.Create(
                AllowlistScope.User, TestData.Unique("old"), "match day one", "test", DateTimeOffset.UtcNow.AddDays(-2), expiresAt: DateTimeOffset.UtcNow.AddDays(-1));
            db.AllowlistEntries.Add(entry);
            await db.SaveChangesAsync(Cancel);
            expired = entry.Id;
        }

        using var commander = server.ClientFor(Roles.Commander);

        var (_, active) = await commander.GetJsonAsync("/api/v1/allowlist?page_size=500");
        var (_, all) = await commander.GetJsonAsync("/api/v1/allowlist?include_expired=true&page_size=500");

        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt64() == expired);
        var listed = Assert.Single(all.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt64() == expired);
        Assert.False(listed.GetProperty("active").GetBoolean());
    }

    private static long NextLine() => Interlocked.Increment(ref s_line);

    private IDbContextFactory<HarisDbContext> Contexts() => server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>();

    private async Task<List<string>> AuditActionsAsync(long entryId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        var id = entryId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(e => e.TargetType == "allowlist" && e.TargetId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Cancel);
    }
}
