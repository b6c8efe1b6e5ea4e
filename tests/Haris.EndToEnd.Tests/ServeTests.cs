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

        var lines = await AlertLinesAsync(analyst);
        Assert.Equal(expected.Count, lines.Count);
        Assert.Equal(expected.Order(), lines.Order());
    }

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

    private static async Task<List<long>> AlertLinesAsync(HttpClient client)
    {
        var lines = new List<long>();
        for (var page = 1; ; page++)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?page_size=500&page={page}", Cancel);
            var items = result.GetProperty("items").EnumerateArray().ToList();
            lines.AddRange(items.Select(a => a.GetProperty("source_line").GetInt64()));
            if (items.Count < 500)
            {
                return lines;
            }
        }
    }
}
