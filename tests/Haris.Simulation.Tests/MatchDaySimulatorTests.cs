namespace Haris.Simulation.Tests;

public sealed class MatchDaySimulatorTests
{
    private static readonly DateTimeOffset s_afternoon = new(2026, 6, 11, 15, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void Generate_SameSeed_GivesByteIdenticalFiles()
    {
        var options = new SimulationOptions { Seed = 7, Minutes = 30, Start = s_afternoon };
        using var first = new TempFolder();
        using var second = new TempFolder();

        MatchDaySimulator.Run(options, first.Path, TestContext.Current.CancellationToken);
        MatchDaySimulator.Run(options, second.Path, TestContext.Current.CancellationToken);

        foreach (var name in new[] { SimulationFiles.AccessLog, SimulationFiles.AuthLog, SimulationFiles.Eve, SimulationFiles.Labels })
        {
            var a = File.ReadAllBytes(Path.Combine(first.Path, name));
            var b = File.ReadAllBytes(Path.Combine(second.Path, name));
            Assert.True(a.Length > 0, name + " is empty");
            Assert.True(a.AsSpan().SequenceEqual(b), name + " differs between two runs with the same seed");
        }
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentFiles()
    {
        var seven = SimulatedRun.Generate(new SimulationOptions { Seed = 7, Minutes = 10, Start = s_afternoon });
        var eight = SimulatedRun.Generate(new SimulationOptions { Seed = 8, Minutes = 10, Start = s_afternoon });

        Assert.False(seven.AccessBytes.AsSpan().SequenceEqual(eight.AccessBytes));
        Assert.False(seven.EveBytes.AsSpan().SequenceEqual(eight.EveBytes));
        Assert.False(seven.LabelBytes.AsSpan().SequenceEqual(eight.LabelBytes));
    }

    [Fact]
    public void Generate_Files_AreUtf8WithoutBomAndUnixLineEnds()
    {
        var run = SimulatedRun.Hour;

        foreach (var bytes in new[] { run.AccessBytes, run.AuthBytes, run.EveBytes, run.LabelBytes })
        {
            Assert.False(bytes.AsSpan().StartsWith("\uFEFF"u8), "BOM written");
            Assert.DoesNotContain((byte)'\r', bytes);
        }
    }

    [Fact]
    public void Generate_Summary_CountsTheLinesWritten()
    {
        var run = SimulatedRun.Hour;

        Assert.Equal(run.Access.Count, run.Summary.AccessLines);
        Assert.Equal(run.Auth.Count, run.Summary.AuthLines);
        Assert.Equal(run.Eve.Count, run.Summary.EveLines);
        Assert.Equal(run.Labels.Count, run.Summary.Campaigns);
    }

    [Fact]
    public void Generate_AfternoonHourAtScaleOne_BenignVolumeIsWithinTheCurveBand()
    {
        var run = SimulatedRun.Hour;
        var campaignSources = run.Labels.SelectMany(l => l.Sources).ToHashSet(StringComparer.Ordinal);

        var benign = run.Access.Count(l => !campaignSources.Contains(l.Source));

        // The curve's expectation for 15:00–16:00; sessions cut off by the end of the hour cost a few percent.
        var expected = new MatchDayCurve(5).ExpectedBenignAccessLines(run.Options.Start, 60, 1.0);
        Assert.InRange(benign, 0.8 * expected, 1.2 * expected);
    }

    [Fact]
    public void Generate_Scale_MultipliesFanVolumeOnly()
    {
        var small = SimulatedRun.Generate(new SimulationOptions { Seed = 3, Minutes = 10, Start = s_afternoon, Scale = 0.5 });
        var large = SimulatedRun.Generate(new SimulationOptions { Seed = 3, Minutes = 10, Start = s_afternoon, Scale = 2 });

        // Campaigns draw from their own seeded streams, so --scale leaves them exactly as they were.
        Assert.Equal(small.LabelBytes, large.LabelBytes);
        var ratio = (double)FanLines(large) / FanLines(small);
        Assert.InRange(ratio, 3.0, 5.0);
    }

    private static int FanLines(SimulatedRun run)
    {
        var campaignSources = run.Labels.SelectMany(l => l.Sources).ToHashSet(StringComparer.Ordinal);
        return run.RawAccess.Count(l => !campaignSources.Contains(l[..l.IndexOf(' ', StringComparison.Ordinal)])
            && !l.EndsWith("\"Amazon CloudFront\"", StringComparison.Ordinal) && !l.Contains("bot/", StringComparison.Ordinal) && !l.Contains("/healthz", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_OneMinute_WritesOrderedLinesAndLabels()
    {
        var run = SimulatedRun.Generate(new SimulationOptions { Seed = 1, Minutes = 1, Start = s_afternoon });

        Assert.NotEmpty(run.Access);
        Assert.All(run.Access, l => Assert.InRange(l.Time, s_afternoon, s_afternoon.AddMinutes(1)));
        Assert.All(run.Labels, l => Assert.True(l.Events > 0));
    }

    [Fact]
    public void Generate_TinyScale_StillWritesBackgroundAndCampaigns()
    {
        var run = SimulatedRun.Generate(new SimulationOptions { Seed = 1, Minutes = 30, Start = s_afternoon, Scale = 0.0001 });

        Assert.Contains(run.RawAccess, l => l.EndsWith("\"Amazon CloudFront\"", StringComparison.Ordinal));
        Assert.Equal(CampaignKinds.All.Count, run.Labels.Select(l => l.Kind).Distinct().Count());
    }

    [Fact]
    public void Generate_ThirtyMinutes_HasEveryCampaignKind()
    {
        var run = SimulatedRun.Generate(new SimulationOptions { Seed = 11, Minutes = 30, Start = s_afternoon, Scale = 0.1 });

        Assert.Equal(CampaignKinds.All.Select(CampaignKinds.Name).Order(), run.Labels.Select(l => l.Kind).Distinct().Order());
    }

    [Fact]
    public void Run_InvalidOptions_ThrowsBeforeWriting()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "out");

        Assert.Throws<ArgumentException>(() => MatchDaySimulator.Run(new SimulationOptions { Seed = 1, Minutes = 0 }, target, TestContext.Current.CancellationToken));

        Assert.False(Directory.Exists(target));
    }
}
