using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary><c>haris simulate --target</c> drives a real server through its API, paced by the server's exercise clock.</summary>
public sealed class SimulateTargetTests
{
    private static readonly string s_tournament = Path.Combine(SharedData.RepositoryRoot, "samples", "tournament.yaml");

    private static readonly string[] s_reasons = ["entered", "exited", "counterfeit", "wrong_match", "outside_validity", "revoked", "wrong_gate", "duplicate"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SimulateIngress_AgainstAServerOnAFastClock_GetsTheVerdictsTheSimulationPlanned_StoredAsSummarised_WithTheWaveAtItsGate()
    {
        using var dir = new TempDirectory();

        // m08 at lantern: gates open at 19:00 (+03:00), kick-off 22:00, the last exits about 00:35, and the gates scan
        // for the match until 02:00. At 450 times real speed the five and a half hours take 44 s, and a simulator held
        // up by a busy machine (the whole suite runs at once) has 11 s before its last exits would meet closed gates;
        // the clock starts half an hour early so the run can start.
        dir.Write("haris.yaml", $"""
            Tournament:
              Path: {s_tournament}
            Clock:
              Start: "2026-06-16T18:30:00+03:00"
              Speed: 450
            """);
        var sensor = await CreateKeyAsync(dir, "gates", "sensor");
        var commander = await CreateKeyAsync(dir, "room", "commander");
        await using var server = await ServerProcess.StartAsync(dir.Path, "--data", "data");

        var run = await HarisProcess.RunAsync(
            dir.Path, null, "simulate", "--profile", "ingress", "--config", s_tournament, "--match", "m08", "--fans", "2000", "--seed", "5",
            "--data", "data", "--out", "run", "--target", server.Address.ToString(), "--api-key", sensor, "--connections", "32");

        Assert.True(run.ExitCode == 0, run + "\n--- server ---\n" + server.Log);
        var planned = Planned(run.Stderr);
        var sent = Verdicts(run.Stderr);
        var lines = File.ReadLines(Path.Combine(dir.Path, "run", "scans.jsonl")).Count();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"sent {lines:N0} scans in "), run.Stderr, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $": {lines:N0} decided, 0 refused,"), run.Stderr, StringComparison.Ordinal);

        // Sent in order and on time, every scan gets the verdict the simulation planned for it: a scan sent early
        // would meet closed gates (wrong_match), one sent ahead of its ticket's entry would be a duplicate.
        Assert.Equal(planned, sent);

        // What the command printed is what the server stored.
        using var room = server.Client(commander);
        var stored = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in s_reasons)
        {
            var total = (await room.GetFromJsonAsync<JsonElement>($"/api/v1/scans?venue=lantern&match=m08&reason={reason}&page_size=1", Cancel)).GetProperty("total").GetInt64();
            if (total > 0)
            {
                stored[reason] = total;
            }
        }

        Assert.Equal(sent, stored);
        Assert.Equal(lines, stored.Values.Sum());

        // The counterfeit wave: its gate refused more counterfeits than any other, at least the wave's. (With 2,000 fans
        // a gate scans too few people for the crowd rules' wave alert, which needs 50 scans in its window.)
        var wave = File.ReadLines(Path.Combine(dir.Path, "run", "ingress-labels.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Single(l => l.GetProperty("kind").GetString() == "counterfeit_wave");
        var waveGate = wave.GetProperty("gate").GetString()!;
        var crowd = await room.GetFromJsonAsync<JsonElement>("/api/v1/venues/lantern/crowd?match=m08", Cancel);
        var counterfeits = crowd.GetProperty("gates").EnumerateArray().ToDictionary(
            g => g.GetProperty("id").GetString()!,
            g => g.GetProperty("verdicts").TryGetProperty("counterfeit", out var n) ? n.GetInt64() : 0);
        Assert.Equal(waveGate, counterfeits.MaxBy(c => c.Value).Key);
        Assert.True(counterfeits[waveGate] >= wave.GetProperty("scans").GetInt64(), $"{waveGate}: {counterfeits[waveGate]} counterfeits");
    }

    [Fact]
    public async Task SimulateIngress_TargetWithAWrongKey_ExitsOneNamingTheRefusal()
    {
        using var dir = new TempDirectory();
        dir.Write("haris.yaml", $"""
            Tournament:
              Path: {s_tournament}
            """);
        await using var server = await ServerProcess.StartAsync(dir.Path, "--data", "data");

        var run = await HarisProcess.RunAsync(
            dir.Path, null, "simulate", "--profile", "ingress", "--config", s_tournament, "--match", "m08", "--fans", "100",
            "--data", "data", "--target", server.Address.ToString(), "--api-key", "hk_not-a-key");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: reading the server's clock: 401", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> CreateKeyAsync(TempDirectory dir, string name, string role)
    {
        var created = await HarisProcess.RunAsync(dir.Path, null, "apikeys", "create", "--name", name, "--role", role, "--data", "data");
        Assert.True(created.ExitCode == 0, created.ToString());
        return created.Stdout.Trim();
    }

    // "  run/scans.jsonl: 4,213 scans: 2,010 entered, 1,990 exited, 12 counterfeit, ...": what the simulation planned.
    private static SortedDictionary<string, long> Planned(string stderr)
    {
        var line = stderr.Split('\n').Single(l => l.Contains("scans.jsonl: ", StringComparison.Ordinal));
        return Counts(line[(line.IndexOf(" scans: ", StringComparison.Ordinal) + 8)..], countFirst: true);
    }

    // "verdicts by reason: entered 2,010, exited 1,990, ...": what the server answered.
    private static SortedDictionary<string, long> Verdicts(string stderr)
    {
        const string Prefix = "verdicts by reason: ";
        var line = stderr.Split('\n').Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return Counts(line[Prefix.Length..], countFirst: false);
    }

    private static SortedDictionary<string, long> Counts(string text, bool countFirst)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in text.Trim().Split(", "))
        {
            var words = part.Split(' ');
            var (reason, count) = countFirst ? (words[1], words[0]) : (words[0], words[1]);
            var n = long.Parse(count, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            if (n > 0)
            {
                counts[reason] = n;
            }
        }

        return counts;
    }
}
