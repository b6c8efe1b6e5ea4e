using System.Globalization;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class DecisionsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static long s_host;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Block_Address_IsActiveForItsDurationAndAudited()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = "203.0.113.7/32", duration = "1h", reason = "credential stuffing on the ticket shop" });

        Assert.Equal(201, status);
        Assert.Equal("203.0.113.7", body.GetProperty("value").GetString());
        Assert.Equal("manual", body.GetProperty("origin").GetString());
        Assert.Equal("api-key:test-cyber-analyst", body.GetProperty("created_by").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        var created = body.GetProperty("created_at").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(1), body.GetProperty("expires_at").GetDateTimeOffset() - created);
        Assert.Contains("decision.create", await AuditActionsAsync(body.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Block_DurationAsANumberOfSeconds_IsTaken()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = NextAddress(), duration = 90, reason = "scanner" });

        Assert.Equal(201, status);
        Assert.Equal(TimeSpan.FromSeconds(90), body.GetProperty("expires_at").GetDateTimeOffset() - body.GetProperty("created_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Block_WithoutDuration_LastsUntilRevoked()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (_, body) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = NextAddress(), reason = "botnet controller" });

        Assert.Equal(JsonValueKind.Null, body.GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task Block_AllowlistedAddress_IsRefused()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var (_, entry) = await analyst.PostJsonAsync("/api/v1/allowlist", new { scope = "cidr", value = "198.51.100.0/24", reason = "partner agency's scanner" });
        var entryId = entry.GetProperty("id").GetInt64();

        var (inside, insideProblem) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = "198.51.100.23", duration = "1h", reason = "noisy" });
        var (around, _) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = "198.51.0.0/16", duration = "1h", reason = "noisy range" });
        var (_, active) = await analyst.GetJsonAsync("/api/v1/decisions?page_size=500");

        Assert.Equal(409, inside);
        Assert.Equal(
            $"198.51.100.23 is allowlisted by entry {entryId} (cidr 198.51.100.0/24: partner agency's scanner); allowlists always win, so the block was not taken",
            insideProblem.Detail());
        Assert.Equal(409, around);
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), d => d.GetProperty("value").GetString()!.StartsWith("198.51.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-an-address", "scope 'not-an-address' is neither an IP address nor a CIDR block")]
    // inet_aton shorthand would block another address than the one meant.
    [InlineData("10.1", "scope '10.1' is neither an IP address nor a CIDR block")]
    // Blocking everyone at the edge during a match is an outage, not a defence.
    [InlineData("0.0.0.0/0", "refusing to block 0.0.0.0/0: ranges wider than /8 would cut off a large part of the internet")]
    [InlineData("2001:db8::/16", "refusing to block 2001::/16: ranges wider than /32 would cut off a large part of the internet")]
    public async Task Block_BadScope_Is400Saying(string scope, string detail)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope, duration = "1h", reason = "x" });

        Assert.Equal(400, status);
        Assert.Equal(detail, body.Detail());
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("400d")]
    public async Task Block_BadDuration_Is400NamingIt(string duration)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = NextAddress(), duration, reason = "x" });

        Assert.Equal(400, status);
        Assert.StartsWith("duration must be seconds (3600)", body.Detail(), StringComparison.Ordinal);
        Assert.EndsWith($"(got \"{duration}\")", body.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_SameAddressTwice_Is409NamingTheDecision()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var address = NextAddress();
        var (_, first) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = address, reason = "x" });

        var (status, body) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = address, duration = "1h", reason = "again" });

        Assert.Equal(409, status);
        Assert.Equal($"decision {first.GetProperty("id").GetInt64()} already blocks {address} until revoked; revoke it first to block anew", body.Detail());
    }

    [Fact]
    public async Task Revoke_EndsTheBlockOnceAndIsAudited()
    {
        using var commander = server.ClientFor(Roles.Commander);
        var (_, created) = await commander.PostJsonAsync("/api/v1/decisions", new { scope = NextAddress(), duration = "2h", reason = "x" });
        var id = created.GetProperty("id").GetInt64();

        var (status, revoked) = await commander.PostJsonAsync($"/api/v1/decisions/{id}/revoke", null);
        var (again, problem) = await commander.PostJsonAsync($"/api/v1/decisions/{id}/revoke", null);

        Assert.Equal(200, status);
        Assert.False(revoked.GetProperty("active").GetBoolean());
        Assert.Equal("api-key:test-commander", revoked.GetProperty("revoked_by").GetString());
        Assert.Equal(409, again);
        Assert.StartsWith($"decision {id} was already revoked at ", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(["decision.create", "decision.revoke"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Revoke_Unknown_Is404()
    {
        using var commander = server.ClientFor(Roles.Commander);

        var (status, body) = await commander.PostJsonAsync("/api/v1/decisions/987654/revoke", null);

        Assert.Equal(404, status);
        Assert.Equal("no decision 987654", body.Detail());
    }

    [Fact]
    public async Task List_ActiveByDefault_RevokedOnlyWhenAsked()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var (_, created) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = NextAddress(), reason = "x" });
        var id = created.GetProperty("id").GetInt64();
        await analyst.PostJsonAsync($"/api/v1/decisions/{id}/revoke", null);

        var (_, active) = await analyst.GetJsonAsync("/api/v1/decisions?page_size=500");
        var (_, all) = await analyst.GetJsonAsync("/api/v1/decisions?include_expired=true&page_size=500");

        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        Assert.Contains(all.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task DecisionStream_ReturnsNewThenRevokedSinceCursor()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        using var bouncer = server.ClientFor(Roles.Sensor);
        var cursor = await LatestCursorAsync(bouncer);
        var (_, created) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = NextAddress(), duration = "4h", reason = "x" });
        var id = created.GetProperty("id").GetInt64();

        var (status, first) = await bouncer.GetJsonAsync($"/api/v1/decisions/stream?cursor={cursor}");
        await analyst.PostJsonAsync($"/api/v1/decisions/{id}/revoke", null);
        var (_, second) = await bouncer.GetJsonAsync($"/api/v1/decisions/stream?cursor={first.GetProperty("cursor").GetInt64()}");
        var (_, third) = await bouncer.GetJsonAsync($"/api/v1/decisions/stream?cursor={second.GetProperty("cursor").GetInt64()}");

        Assert.Equal(200, status);
        Assert.Equal(id, Assert.Single(first.GetProperty("new").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Empty(first.GetProperty("expired").EnumerateArray());
        Assert.Empty(second.GetProperty("new").EnumerateArray());
        Assert.Equal(id, Assert.Single(second.GetProperty("expired").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.True(second.GetProperty("cursor").GetInt64() > first.GetProperty("cursor").GetInt64());
        Assert.Empty(third.GetProperty("new").EnumerateArray());
        Assert.Empty(third.GetProperty("expired").EnumerateArray());
        Assert.Equal(second.GetProperty("cursor").GetInt64(), third.GetProperty("cursor").GetInt64());
    }

    [Fact]
    public async Task DecisionStream_NegativeCursor_Is400()
    {
        using var bouncer = server.ClientFor(Roles.Sensor);

        var (status, _) = await bouncer.GetJsonAsync("/api/v1/decisions/stream?cursor=-1");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task NginxExport_ListsActiveBlocks()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var kept = NextAddress();
        var revoked = NextAddress();
        await analyst.PostJsonAsync("/api/v1/decisions", new { scope = kept, duration = "1h", reason = "x" });
        await analyst.PostJsonAsync("/api/v1/decisions", new { scope = "192.0.2.0/24", duration = "1h", reason = "x" });
        var (_, gone) = await analyst.PostJsonAsync("/api/v1/decisions", new { scope = revoked, duration = "1h", reason = "x" });
        await analyst.PostJsonAsync($"/api/v1/decisions/{gone.GetProperty("id").GetInt64()}/revoke", null);
        using var bouncer = server.ClientFor(Roles.Sensor);

        using var response = await bouncer.GetAsync("/api/v1/decisions/export/nginx", Cancel);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Haris block list: ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"deny {kept};", lines);
        Assert.Contains("deny 192.0.2.0/24;", lines);
        Assert.DoesNotContain($"deny {revoked};", lines);
        Assert.All(lines, l => Assert.True(l.StartsWith('#') || (l.StartsWith("deny ", StringComparison.Ordinal) && l.EndsWith(';')), l));
    }

    [Fact]
    public async Task PlainExport_IsOneAddressOrBlockPerLine()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var address = NextAddress();
        await analyst.PostJsonAsync("/api/v1/decisions", new { scope = address, duration = "1h", reason = "x" });
        using var liaison = server.ClientFor(Roles.PartnerLiaison);

        var text = await liaison.GetStringAsync("/api/v1/decisions/export/plain", Cancel);

        Assert.Contains(address, text.Split('\n'));
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
    }

    // Addresses from TEST-NET-3, one per test, so tests sharing the server do not collide.
    private static string NextAddress() => "203.0.113." + (10 + (Interlocked.Increment(ref s_host) % 240)).ToString(CultureInfo.InvariantCulture);

    private static async Task<long> LatestCursorAsync(HttpClient client)
    {
        long cursor = 0;
        while (true)
        {
            var (_, page) = await client.GetJsonAsync($"/api/v1/decisions/stream?cursor={cursor}");
            cursor = page.GetProperty("cursor").GetInt64();
            if (!page.GetProperty("more").GetBoolean())
            {
                return cursor;
            }
        }
    }

    private async Task<List<string>> AuditActionsAsync(long decisionId)
    {
        await using var db = await server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>().CreateDbContextAsync(Cancel);
        var id = decisionId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(e => e.TargetType == "decision" && e.TargetId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Cancel);
    }
}
