using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary><c>haris demo</c> as a real process: one command gives a server with accounts, attacks, a crowd and field incidents.</summary>
public sealed class DemoTests
{
    private static readonly HashSet<string> s_fieldCategories =
        ["medical", "crowd_pressure", "fight", "suspicious_object", "pitch_invasion", "fire", "lost_child", "ticketing_fraud", "other_field"];

    // What the demo promises a person who opens it: everything is on the screens within a minute.
    private static readonly TimeSpan s_promise = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_FreshFolder_PrintsAccountsThatSignIn_ShowsAlertsScansAndFieldIncidentsWithinAMinute_StopsCleanlyOnSigint()
    {
        using var dir = new TempDirectory();
        var started = Stopwatch.StartNew();
        await using var demo = await DemoProcess.StartAsync(dir.Path, "--data", "data");

        Assert.Equal(["admin", "commander", "cyber-analyst", "operator", "steward"], demo.Passwords.Keys.Order(StringComparer.Ordinal));
        using var wrong = new HttpClient { BaseAddress = demo.Address };
        using var refused = await wrong.PostAsJsonAsync("/api/v1/auth/login", new { user_name = "admin", password = "not the password" }, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = demo.Address };
        using var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { user_name = "admin", password = demo.Passwords["admin"] }, Cancel);
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync(Cancel));

        var seen = await ServerProcess.UntilAsync(
            () => ReadAsync(admin),
            s => s is { Alerts: > 0, Scans: > 0, FieldIncidents: > 0 },
            "alerts, scans and a field incident");
        Assert.True(started.Elapsed < s_promise, $"seen after {started.Elapsed.TotalSeconds:F0} s: {seen}\n{demo.Stderr}");

        Assert.Equal(0, await demo.InterruptAsync());
        Assert.Contains("haris demo: stopped", demo.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("haris: error:", demo.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunAgainOnItsFolder_KeepsTheAccountsWithoutPrintingPasswords_AndResetStartsOver()
    {
        using var dir = new TempDirectory();
        string first;
        await using (var demo = await DemoProcess.StartAsync(dir.Path, "--data", "data"))
        {
            first = demo.Passwords["operator"];
            Assert.Equal(0, await demo.InterruptAsync());
        }

        await using (var again = await DemoProcess.StartAsync(dir.Path, "--data", "data"))
        {
            Assert.Empty(again.Passwords);
            Assert.Contains("the passwords were printed when this demo was first run", again.Stdout, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = again.Address };
            using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = "operator", password = first }, Cancel);
            Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(0, await again.InterruptAsync());
        }

        await using var reset = await DemoProcess.StartAsync(dir.Path, "--data", "data", "--reset");
        Assert.NotEqual(first, reset.Passwords["operator"]);
        Assert.Equal(0, await reset.InterruptAsync());
    }

    [Fact]
    public async Task Demo_FolderOfARealServer_IsRefusedAndLeftAlone()
    {
        using var dir = new TempDirectory();
        dir.Write("data/haris.db", "not a demo's");

        var run = await HarisProcess.RunAsync(dir.Path, null, "demo", "--urls", "http://127.0.0.1:0", "--data", "data", "--reset");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a demo's data folder", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a demo's", dir.Read("data/haris.db"));
    }

    private static async Task<Seen> ReadAsync(HttpClient client)
    {
        var alerts = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?page_size=1", Cancel);
        var scans = await client.GetFromJsonAsync<JsonElement>("/api/v1/scans?page_size=1", Cancel);
        var incidents = await client.GetFromJsonAsync<JsonElement>("/api/v1/incidents?page_size=500", Cancel);
        return new Seen(
            alerts.GetProperty("total").GetInt64(),
            scans.GetProperty("total").GetInt64(),
            incidents.GetProperty("items").EnumerateArray().Count(i => s_fieldCategories.Contains(i.GetProperty("category").GetString()!)));
    }

    private sealed record Seen(long Alerts, long Scans, int FieldIncidents);
}
