using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary>Event time, not the wall clock, drives correlations: the same input gives the same alerts however it is fed.</summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task ScanTwice_OrInTwoHalves_GivesTheSameAlerts()
    {
        using var dir = new TempDirectory();
        var simulate = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--out", ".", "--seed", "5", "--minutes", "30", "--scale", "0.3", "--start", "2026-06-11T17:30:00+03:00");
        Assert.True(simulate.ExitCode == 0, simulate.ToString());
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "access.log"));
        File.WriteAllLines(Path.Combine(dir.Path, "first.log"), lines[..(lines.Length / 2)]);
        File.WriteAllLines(Path.Combine(dir.Path, "second.log"), lines[(lines.Length / 2)..]);

        var once = await Scan(dir, "access.log");
        var again = await Scan(dir, "access.log");
        var halves = await Scan(dir, "first.log", "second.log");

        Assert.Contains(once, a => a.Contains("\"group\"", StringComparison.Ordinal));
        Assert.Equal(once, again);
        Assert.Equal(Comparable(once), Comparable(halves));
    }

    [Fact]
    public async Task ScanOnOneThreadOrSeveral_GivesTheSameAlertsInTheSameOrder()
    {
        using var dir = new TempDirectory();
        var simulate = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--out", ".", "--seed", "9", "--minutes", "30", "--scale", "0.3", "--start", "2026-06-11T09:50:00+03:00");
        Assert.True(simulate.ExitCode == 0, simulate.ToString());

        var one = await Scan(dir, ["--threads", "1"], "access.log");
        var four = await Scan(dir, ["--threads", "4"], "access.log");

        Assert.True(one.Count > 100, $"only {one.Count} alerts: the comparison proves little");
        Assert.Contains(one, a => a.Contains("\"group\"", StringComparison.Ordinal));
        Assert.Equal(one, four);
    }

    private static Task<List<string>> Scan(TempDirectory dir, params string[] inputs) => Scan(dir, [], inputs);

    private static async Task<List<string>> Scan(TempDirectory dir, string[] options, params string[] inputs)
    {
        var run = await HarisProcess.RunAsync(dir.Path, null, ["scan", "--format", "combined", .. options, .. inputs]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    // Ids, positions and contributing lines name the input files, which differ between the two runs; all else must not.
    private static List<string> Comparable(List<string> alerts) =>
        [.. alerts.Select(a =>
        {
            var root = JsonDocument.Parse(a).RootElement;
            var group = root.TryGetProperty("group", out var g) ? g.GetRawText() : "-";
            var count = root.TryGetProperty("count", out var c) ? c.GetInt64() : 0;
            var first = root.TryGetProperty("first_seen", out var f) ? f.GetString() : "-";
            return $"{root.GetProperty("rule_id").GetString()}|{root.GetProperty("timestamp").GetString()}|{group}|{count}|{first}|{root.GetProperty("fields").GetRawText()}";
        })];
}
