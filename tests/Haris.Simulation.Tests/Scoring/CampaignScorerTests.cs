using Haris.Core.Alerts;
using Haris.Simulation.Scoring;

namespace Haris.Simulation.Tests.Scoring;

public sealed class CampaignScorerTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 6, 11, 8, 0, 0, TimeSpan.Zero);

    private static readonly CampaignLabel s_sqli = new("c001", "sql_injection", "access.log", ["203.0.113.5"], "/search", null, s_start, s_start.AddMinutes(5), 12);
    private static readonly CampaignLabel s_flood = new("c002", "distributed_flood", "access.log", ["45.1.2.3", "45.1.2.4"], "/en/matches", null, s_start, s_start.AddMinutes(8), 90_000);
    private static readonly CampaignLabel s_stuffing = new("c003", "credential_stuffing_user", "access.log", ["91.0.0.1", "91.0.0.2"], "/api/v1/session", ["fan@example.org"], s_start, s_start.AddMinutes(9), 150);

    private readonly string _dir = Directory.CreateTempSubdirectory("haris-labels-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SingleEventAlert_OnACampaignSource_ByARuleMeantForIt_CatchesTheCampaign()
    {
        var scorer = new CampaignScorer([s_sqli]);

        scorer.Observe(EventAlert("haris_web_xss_in_request", "203.0.113.5", AlertLevel.High));
        Assert.Single(scorer.Score().Missed);

        scorer.Observe(EventAlert("haris_web_sqli_union_select", "203.0.113.5", AlertLevel.High));
        var score = scorer.Score();
        Assert.Empty(score.Missed);
        Assert.Equal(new KindScore("sql_injection", 1, 1), Assert.Single(score.Kinds));
    }

    [Fact]
    public void ManySourceCampaigns_AreCaughtOnTheirTarget_OnlyWhileTheyRun()
    {
        var scorer = new CampaignScorer([s_flood, s_stuffing]);

        scorer.Observe(GroupAlert("haris_web_distributed_flood", "url.path", "/en/matches", s_start.AddHours(3)));
        scorer.Observe(GroupAlert("haris_web_credential_stuffing_user", "user.name", "fan@example.org", s_start.AddMinutes(4)));

        Assert.Equal([s_flood], scorer.Score().Missed);
        scorer.Observe(GroupAlert("haris_web_distributed_flood", "url.path", "/en/matches", s_start.AddMinutes(2)));
        Assert.True(scorer.Score().IsPerfect);
    }

    [Fact]
    public void HighAlertsOnSourcesOfNoCampaign_AreCounted_LowerLevelsAreNot()
    {
        var scorer = new CampaignScorer([s_sqli]);

        scorer.Observe(EventAlert("haris_web_scanner_user_agent", "198.51.100.77", AlertLevel.Medium));
        scorer.Observe(EventAlert("haris_web_sqli_functions", "198.51.100.77", AlertLevel.High));
        scorer.Observe(EventAlert("haris_web_sqli_functions", "203.0.113.5", AlertLevel.Critical));

        var score = scorer.Score();
        Assert.Equal(1, score.BenignHighAlerts);
        Assert.Equal(("haris_web_sqli_functions", "198.51.100.77"), Assert.Single(score.BenignSamples));
    }

    [Fact]
    public void ReadLabels_BadLine_NamesFileAndLine()
    {
        var path = Path.Combine(_dir, "labels.jsonl");
        File.WriteAllLines(path, [LabelLine(s_sqli), "{\"campaign\":\"c9\"}", ""]);

        var error = Assert.Throws<FormatException>(() => CampaignScorer.ReadLabels(path));

        Assert.StartsWith($"{path}:2: not a campaign label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_UnknownKind_IsRefused()
    {
        var path = Path.Combine(_dir, "labels.jsonl");
        File.WriteAllLines(path, [LabelLine(s_sqli with { Kind = "teleport" })]);

        Assert.Contains("unknown campaign kind 'teleport'", Assert.Throws<FormatException>(() => CampaignScorer.ReadLabels(path)).Message);
    }

    private static string LabelLine(CampaignLabel label)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            label.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Alert EventAlert(string rule, string source, AlertLevel level) => new()
    {
        Id = rule + source,
        RuleId = rule,
        RuleName = rule,
        RuleTitle = rule,
        Level = level,
        Timestamp = s_start.AddMinutes(1),
        Fields = [new("source.ip", source)],
    };

    private static Alert GroupAlert(string rule, string field, string value, DateTimeOffset time) => new()
    {
        Id = rule + value,
        RuleId = rule,
        RuleName = rule,
        RuleTitle = rule,
        Level = AlertLevel.High,
        Timestamp = time,
        FirstSeen = time,
        LastSeen = time,
        Group = [new(field, value)],
        Count = 5000,
    };
}
