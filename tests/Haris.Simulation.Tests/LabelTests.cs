namespace Haris.Simulation.Tests;

public sealed class LabelTests
{
    [Fact]
    public void Generate_SixtyMinutes_HasEveryCampaignKind()
    {
        var kinds = SimulatedRun.Hour.Labels.Select(l => l.Kind).ToHashSet(StringComparer.Ordinal);

        Assert.All(CampaignKinds.All, k => Assert.Contains(CampaignKinds.Name(k), kinds));
    }

    [Fact]
    public void Labels_Events_EqualLinesFromTheirSourcesBetweenStartAndEnd()
    {
        var run = SimulatedRun.Hour;

        Assert.All(run.Labels, label =>
        {
            var sources = label.Sources.ToHashSet(StringComparer.Ordinal);
            var lines = run.LinesOf(label.Log).Where(l => sources.Contains(l.Source)).ToList();
            var inWindow = lines.Count(l => l.Time >= label.Start && l.Time <= label.End);

            Assert.Equal(label.Events, inWindow);
            Assert.Equal(label.Events, lines.Count);
            Assert.Equal(label.Start, lines.Min(l => l.Time));
            Assert.Equal(label.End, lines.Max(l => l.Time));
            // Every listed source wrote at least one line: the label names exactly the emitting addresses.
            Assert.Equal(sources.Count, lines.Select(l => l.Source).Distinct().Count());
        });
    }

    [Fact]
    public void Labels_Sources_BelongToOneCampaignOnly()
    {
        var all = SimulatedRun.Hour.Labels.SelectMany(l => l.Sources).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_BenignLines_NeverComeFromCampaignSources()
    {
        var run = SimulatedRun.Hour;
        var owner = run.Labels.SelectMany(l => l.Sources.Select(s => (Source: s, l.Log))).ToDictionary(p => p.Source, p => p.Log, StringComparer.Ordinal);

        foreach (var log in new[] { SimulationFiles.AccessLog, SimulationFiles.AuthLog, SimulationFiles.Eve })
        {
            // A campaign address may only appear in its campaign's own log; there every line of it is counted above.
            Assert.All(run.LinesOf(log), l => Assert.True(!owner.TryGetValue(l.Source, out var home) || home == log, l.Text));
        }

        var labelled = run.Labels.Sum(l => l.Events);
        var fromSources = run.Access.Concat(run.Auth).Concat(run.Eve).Count(l => owner.ContainsKey(l.Source));
        Assert.Equal(labelled, fromSources);
    }

    [Fact]
    public void Labels_Schema_HasIdsInOrderUtcTimesAndUsernamesWhereTheKindHasThem()
    {
        var run = SimulatedRun.Hour;
        var text = System.Text.Encoding.UTF8.GetString(run.LabelBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        for (var i = 0; i < run.Labels.Count; i++)
        {
            var label = run.Labels[i];
            Assert.Equal("c" + (i + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), label.Campaign);
            Assert.Matches(label.Log == SimulationFiles.Eve ? @"""start"":""[0-9T:-]+\.\d{6}Z""" : @"""start"":""[0-9T:-]+Z""", text[i]);
            Assert.True(CampaignKinds.TryParse(label.Kind, out var kind));
            Assert.Equal(CampaignKinds.Log(kind), label.Log);
            var hasUsers = kind is CampaignKind.LoginBruteForce or CampaignKind.CredentialStuffingSource or CampaignKind.CredentialStuffingUser
                or CampaignKind.SshBruteForce or CampaignKind.SshPasswordSpray;
            Assert.Equal(hasUsers, label.Usernames is not null);
            Assert.Equal(hasUsers, text[i].Contains("\"usernames\"", StringComparison.Ordinal));
            Assert.False(string.IsNullOrEmpty(label.Target));
        }
    }

    [Fact]
    public void Labels_FullDayPlan_HasEveryKindTwice()
    {
        // The plan alone, without generating the day: two rounds of every kind in 1440 minutes.
        var started = new List<Campaign>();
        var schedule = new CampaignSchedule(new Random(5), 1440, started);

        Assert.Equal(2 * CampaignKinds.All.Count, schedule.PlannedCount);
    }
}
