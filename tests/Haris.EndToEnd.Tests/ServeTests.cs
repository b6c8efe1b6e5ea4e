using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary>The command center server as a real process: live tailing, HTTP ingest, and a crash in the middle.</summary>
public sealed class ServeTests
{
    private const string AttackRule = """
        title: Test Attack Marker
        id: 0d6c1f3e-8f7a-4c55-9d3e-5b7f0c2a9e11
        status: test
        description: Matches requests that carry the test marker.
        author: Haris tests
        logsource:
            category: webserver
        detection:
            selection:
                cs-uri-query|contains: 'attack=yes'
            condition: selection
        level: high
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_KilledWhileTailing_RestartLosesNoLineAndDuplicatesNoAlert()
    {
        using var dir = new TempDirectory();
        dir.Write("rules/attack.yml", AttackRule);
        dir.Write("haris.yaml", """
            Rules:
              Builtin: false
              Paths: [rules]
            Alerts:
              SuppressionWindow: "00:00:00"
            Sources:
              - Type: file
                Path: access.log
                Format: combined
            """);
        var key = await CreateKeyAsync(dir, "cyber-analyst");
        const int Lines = 30_000;
        var expected = Enumerable.Range(1, Lines).Where(IsAttack).Select(n => (long)n).ToHashSet();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "access.log"), AccessLines(1, Lines / 2), Cancel);

        await using (var first = await ServerProcess.StartAsync(dir.Path, "--data", "data"))
        {
            using var client = first.Client(key);
            await ServerProcess.UntilAsync(() => TotalAsync(client), total => total >= 200, "the first alerts");
            await first.KillAsync();
        }

        // Lines written while the server is down must be read too.
        await File.AppendAllTextAsync(Path.Combine(dir.Path, "access.log"), AccessLines((Lines / 2) + 1, Lines), Cancel);
        await using var second = await ServerProcess.StartAsync(dir.Path, "--data", "data");
        using var analyst = second.Client(key);
        await ServerProcess.UntilAsync(() => TotalAsync(analyst), total => total >= expected.Count, $"{expected.Count} alerts");

        var lines = (await AlertsAsync(analyst)).Select(a => a.GetProperty("source_line").GetInt64()).ToList();
        Assert.Equal(expected.Count, lines.Count);
        Assert.Equal(expected.Order(), lines.Order());
    }

    [Fact]
    public async Task Serve_MatchDayThroughHttpAndATailedFile_StoresTheAlertsAScanFinds_FoldedPerSource()
    {
        using var dir = new TempDirectory();
        var simulate = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--out", ".", "--seed", "2026", "--minutes", "30", "--start", "2026-06-11T09:40:00+03:00");
        Assert.True(simulate.ExitCode == 0, simulate.ToString());
        var scan = await HarisProcess.RunAsync(dir.Path, null, "scan", "--format", "combined", "--output", "alerts.ndjson", "access.log");
        Assert.True(scan.ExitCode == 0, scan.ToString());
        var scanned = File.ReadLines(Path.Combine(dir.Path, "alerts.ndjson"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(a => a.GetProperty("rule_title").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        dir.Write("haris.yaml", """
            Sources:
              - Type: file
                Path: tailed.log
                Format: combined
                Dataset: web.access
                Venue: lusail
            """);
        var sensorKey = await CreateKeyAsync(dir, "sensor");
        var analystKey = await CreateKeyAsync(dir, "cyber-analyst");
        var lines = await File.ReadAllLinesAsync(Path.Combine(dir.Path, "access.log"), Cancel);
        var half = lines.Length / 2;

        await using var server = await ServerProcess.StartAsync(dir.Path, "--data", "data");
        using var sensor = server.Client(sensorKey);
        using var analyst = server.Client(analystKey);

        // The first half is appended to the tailed file in four writes, the second half pushed over HTTP meanwhile.
        var tail = Task.Run(
            async () =>
            {
                foreach (var chunk in lines[..half].Chunk((half / 4) + 1))
                {
                    await File.AppendAllLinesAsync(Path.Combine(dir.Path, "tailed.log"), chunk, Cancel);
                }
            },
            Cancel);
        foreach (var chunk in lines[half..].Chunk(10_000))
        {
            await PushAsync(sensor, string.Join('\n', chunk) + "\n");
        }

        await tail;
        await ServerProcess.UntilAsync(() => ServerProcess.AcceptedAsync(analyst), accepted => accepted >= lines.Length, $"{lines.Length} lines accepted");

        // Single-event alerts do not depend on how the two halves interleave: every one a scan raises is stored, folded
        // into one row per rule and source while it repeats within the suppression window.
        foreach (var title in new[] { "Vulnerability Scanner User Agent", "SQL Injection UNION SELECT In Request", "Path Traversal Sequence In Request" })
        {
            var rows = await ServerProcess.UntilAsync(() => RowsAsync(analyst, title), r => r.Sum(a => a.GetProperty("count").GetInt64()) >= scanned[title], title);
            Assert.Equal(scanned[title], rows.Sum(a => a.GetProperty("count").GetInt64()));
            Assert.All(rows, a => Assert.Equal("lusail", a.GetProperty("venue").GetString()));
        }

        var scanner = await RowsAsync(analyst, "Vulnerability Scanner User Agent");
        Assert.True(scanner.Count < scanned["Vulnerability Scanner User Agent"], $"{scanner.Count} rows for {scanned["Vulnerability Scanner User Agent"]} alerts: nothing was folded");

        // Correlations see both halves as one stream: the campaigns they exist for are found.
        var scalper = await RowsAsync(analyst, "Ticket Scalper Bot");
        Assert.NotEmpty(scalper);
        Assert.NotEmpty(await RowsAsync(analyst, "HTTP Flood From One Source"));

        // Ten high alerts on one source within five minutes open an incident by themselves, linked to those alerts.
        var incidents = await ServerProcess.UntilAsync(
            async () => (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/incidents?page_size=100", Cancel)).GetProperty("items").EnumerateArray().ToList(),
            items => items.Any(i => i.GetProperty("created_by").GetString()!.StartsWith("automation:", StringComparison.Ordinal)),
            "an automatic incident");
        var automatic = incidents.First(i => i.GetProperty("created_by").GetString()!.StartsWith("automation:", StringComparison.Ordinal));
        Assert.Equal("lusail", automatic.GetProperty("venue").GetString());
        var detail = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{automatic.GetProperty("id").GetInt64()}", Cancel);
        Assert.NotEmpty(detail.GetProperty("alerts").EnumerateArray());
    }

    private static async Task PushAsync(HttpClient sensor, string body)
    {
        while (true)
        {
            using var response = await sensor.PostAsync("/api/v1/ingest/web.access?format=combined&venue=lusail", new StringContent(body), Cancel);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
                return;
            }

            // Refused whole: the same body goes again once the pipeline has room, as a sensor would.
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Cancel);
        }
    }

    private static async Task<List<JsonElement>> RowsAsync(HttpClient client, string title) =>
        [.. (await AlertsAsync(client)).Where(a => a.GetProperty("rule_title").GetString() == title)];

    private static bool IsAttack(int line) => line % 10 == 0;

    private static string AccessLines(int from, int to)
    {
        var text = new StringBuilder();
        for (var n = from; n <= to; n++)
        {
            var second = n % 60;
            var query = IsAttack(n) ? $"?id={n}&attack=yes" : $"?id={n}";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"10.1.{n / 256 % 256}.{n % 256} - - [11/Jun/2026:18:00:{second:00} +0300] \"GET /news{query} HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n");
        }

        return text.ToString();
    }

    private static async Task<string> CreateKeyAsync(TempDirectory dir, string role)
    {
        var created = await HarisProcess.RunAsync(dir.Path, null, "apikeys", "create", "--name", "e2e-" + role, "--role", role, "--data", "data");
        Assert.True(created.ExitCode == 0, created.ToString());
        return created.Stdout.Trim();
    }

    private static async Task<int> TotalAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?page_size=1", Cancel);
        return page.GetProperty("total").GetInt32();
    }

    // Every stored alert, page by page.
    private static async Task<List<JsonElement>> AlertsAsync(HttpClient client)
    {
        var alerts = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?page_size=500&page={page}", Cancel);
            var items = result.GetProperty("items").EnumerateArray().ToList();
            alerts.AddRange(items);
            if (items.Count < 500)
            {
                return alerts;
            }
        }
    }
}
