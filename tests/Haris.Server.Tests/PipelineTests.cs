using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haris.Core.Allowlist;
using Haris.Core.Security;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Allowlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

/// <summary>Live detection through the real server: lines pushed over HTTP become stored alerts, folded and filtered.</summary>
public sealed class PipelineTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HttpIngest_AttackLine_IsStoredWithVenueAndDataset()
    {
        using var sensor = server.ClientFor(Roles.Sensor);
        var stored = ExpectAlertAsync();

        var response = await sensor.PostAsync(
            "/api/v1/ingest/ticketing?format=combined&venue=lusail",
            new StringContent(AccessLine("198.51.100.7", "/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--") + "\n" + AccessLine("198.51.100.8", "/tickets") + "\n"),
            Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("accepted").GetInt32());
        await stored;
        var alert = await FindAsync("198.51.100.7", "SQL Injection UNION SELECT In Request");
        Assert.Equal("lusail", alert.GetProperty("venue").GetString());
        Assert.Equal("ticketing", alert.GetProperty("dataset").GetString());
    }

    [Fact]
    public async Task HttpIngest_SameRuleAndSourceAgain_RaisesTheCountInsteadOfARow()
    {
        using var sensor = server.ClientFor(Roles.Sensor);
        var first = ExpectAlertAsync();
        await sensor.PostAsync("/api/v1/ingest/web?format=combined", new StringContent(AccessLine("198.51.100.20", "/../../etc/passwd") + "\n"), Cancel);
        await first;

        var counted = ExpectAsync("alert-count");
        await sensor.PostAsync("/api/v1/ingest/web?format=combined", new StringContent(AccessLine("198.51.100.20", "/../../etc/passwd", second: 5) + "\n"), Cancel);
        await counted;

        var alerts = await ListAsync("source_ip=198.51.100.20&rule=haris_web_system_file_access");
        var only = Assert.Single(alerts);
        Assert.Equal(2, only.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task HttpIngest_AllowlistedSource_RaisesNothing()
    {
        await using (var db = await server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>().CreateDbContextAsync(Cancel))
        {
            db.AllowlistEntries.Add(new AllowlistEntry
            {
                Scope = AllowlistScope.SourceIp,
                Value = "198.51.100.99",
                Reason = "agreed penetration test",
                CreatedBy = "test",
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            });
            await db.SaveChangesAsync(Cancel);
        }

        server.App.Services.GetRequiredService<AllowlistCache>().Invalidate();
        using var sensor = server.ClientFor(Roles.Sensor);

        // The allowlisted attack first, then one from elsewhere: once the second is stored, the first was decided.
        var stored = ExpectAlertAsync();
        await sensor.PostAsync(
            "/api/v1/ingest/pentest?format=combined",
            new StringContent(AccessLine("198.51.100.99", "/?q=<script>alert(1)</script>") + "\n" + AccessLine("198.51.100.98", "/?q=<script>alert(1)</script>") + "\n"),
            Cancel);
        await stored;

        var leaked = await ListAsync("source_ip=198.51.100.99");
        Assert.True(leaked.Count == 0, string.Join("; ", leaked.Select(a => a.ToString())));
        Assert.NotEmpty(await ListAsync("source_ip=198.51.100.98"));
    }

    [Theory]
    // Not a format Haris parses.
    [InlineData("/api/v1/ingest/web?format=xml", HttpStatusCode.BadRequest)]
    // A dataset name that could grow a source per request.
    [InlineData("/api/v1/ingest/Web%20Site?format=combined", HttpStatusCode.BadRequest)]
    public async Task HttpIngest_BadRequest_IsRefusedWithAProblem(string path, HttpStatusCode expected)
    {
        using var sensor = server.ClientFor(Roles.Sensor);

        var response = await sensor.PostAsync(path, new StringContent("line\n"), Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_ShowEachSourcesAcceptedAndMalformedLines()
    {
        using var sensor = server.ClientFor(Roles.Sensor);
        var stored = ExpectAlertAsync();
        await sensor.PostAsync(
            "/api/v1/ingest/metrics-check?format=combined",
            new StringContent("not an access log line\n" + AccessLine("198.51.100.50", "/?q=<script>x</script>") + "\n"),
            Cancel);
        await stored;

        using var scraper = server.ClientFor(Roles.Sensor);
        var text = await scraper.GetStringAsync("/metrics", Cancel);

        Assert.Contains("haris_source_events_accepted_total{source=\"http:metrics-check\",kind=\"http\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("haris_source_events_malformed_total{source=\"http:metrics-check\",kind=\"http\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpIngest_OverTheSizeLimit_Is413()
    {
        using var sensor = server.ClientFor(Roles.Sensor);
        var limit = server.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestOptions>>().Value.MaxRequestBytes;

        var response = await sensor.PostAsync("/api/v1/ingest/web?format=combined", new ByteArrayContent(new byte[limit + 1]), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static string AccessLine(string ip, string target, int second = 0) =>
        $"{ip} - - [11/Jun/2026:20:00:{second:00} +0300] \"GET {target} HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0\"";

    private Task ExpectAlertAsync() => ExpectAsync("alert");

    private Task ExpectAsync(string kind)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = server.App.Services.GetRequiredService<LiveFeed>().Subscribe(update =>
        {
            if (update.Kind == kind)
            {
                seen.TrySetResult();
            }
        });
        return seen.Task.WaitAsync(s_timeout, Cancel).ContinueWith(
            t =>
            {
                subscription.Dispose();
                t.GetAwaiter().GetResult();
            },
            Cancel,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private async Task<JsonElement> FindAsync(string sourceIp, string title)
    {
        var alerts = await ListAsync("source_ip=" + sourceIp);
        return alerts.Single(a => a.GetProperty("rule_title").GetString() == title);
    }

    private async Task<List<JsonElement>> ListAsync(string query)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var page = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/alerts?" + query, Cancel);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
