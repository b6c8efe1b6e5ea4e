using System.Text.Json;

namespace Haris.EndToEnd.Tests;

public sealed class SimulateTests
{
    [Fact]
    public async Task Simulate_ThirtyMinutes_WritesFourFilesAndParsableLabels()
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--out", "day", "--seed", "7", "--minutes", "30", "--start", "2026-06-11T18:00:00+03:00");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var name in new[] { "access.log", "auth.log", "eve.json", "labels.jsonl" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, "day", name)), name + " missing");
        }

        var labels = dir.Read("day/labels.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(15, labels.Length);
        foreach (var line in labels)
        {
            using var label = JsonDocument.Parse(line);
            Assert.StartsWith("c0", label.RootElement.GetProperty("campaign").GetString(), StringComparison.Ordinal);
            Assert.True(label.RootElement.GetProperty("events").GetInt64() > 0);
            Assert.NotEmpty(label.RootElement.GetProperty("sources").EnumerateArray());
        }

        Assert.Contains("[11/Jun/2026:18:", dir.Read("day/access.log"), StringComparison.Ordinal);
        Assert.Contains("15 campaigns", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    // Each bad value is refused before anything is written, with the option named.
    [InlineData("--minutes", "0", "--minutes")]
    [InlineData("--minutes", "-5", "--minutes")]
    [InlineData("--scale", "0", "--scale")]
    [InlineData("--scale", "-1", "--scale")]
    [InlineData("--start", "tomorrow", "--start")]
    [InlineData("--profile", "olympics", "unknown profile 'olympics'")]
    public async Task Simulate_BadValue_ExitsOneWithClearMessage(string option, string value, string expected)
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--out", "day", "--seed", "1", option, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "day")));
    }

    [Theory]
    [InlineData("--seed", "1")]
    [InlineData("--out", "day")]
    public async Task Simulate_MissingRequiredOption_ExitsOne(string option, string value)
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "simulate", option, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(option == "--seed" ? "--out" : "--seed", run.Stderr, StringComparison.Ordinal);
    }
}
