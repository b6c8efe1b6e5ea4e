using System.Text.RegularExpressions;

namespace Haris.Simulation.Tests;

/// <summary>Each kind shows the traits detection rules rely on, checked on the lines its label points at.</summary>
public sealed class CampaignBehaviourTests
{
    private static readonly string[] s_scannerMarks = ["Nikto", "sqlmap", "Nuclei", "gobuster", "WPScan", "Fuzz Faster U Fool", "masscan", "zgrab"];

    [Fact]
    public void HttpFlood_OneSourceOneAgent_FifteenToFortyPerSecond()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.HttpFlood))
        {
            Assert.Single(label.Sources);
            Assert.Single(lines.Select(l => l.Field("agent")).Distinct());
            Assert.All(lines, l => Assert.Contains(l.Field("target"), new[] { "/", "/en/matches" }));
            var rate = lines.Count / Math.Max(1, (label.End - label.Start).TotalSeconds);
            Assert.InRange(rate, 12, 45);
        }
    }

    [Fact]
    public void DistributedFlood_ManySources_OneTargetWithFreshCacheBuster()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.DistributedFlood))
        {
            Assert.InRange(label.Sources.Count, 200, 600);
            Assert.All(lines, l => Assert.Matches("^" + Regex.Escape(label.Target) + @"\?[a-z][a-z0-9]{3,6}=[0-9a-f]{5,10}$", l.Field("target")));
            Assert.True(lines.Select(l => l.Field("target")).Distinct().Count() > 0.99 * lines.Count);
            Assert.True(lines.Select(l => l.Field("agent")).Distinct().Count() > 3);
            Assert.InRange((label.End - label.Start).TotalMinutes, 2.5, 8);
        }
    }

    [Fact]
    public void LoginBruteForce_OneSourceOneUser_HundredsOf401()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.LoginBruteForce))
        {
            var user = Assert.Single(label.Usernames!);
            Assert.All(lines, l => Assert.Equal(("POST", "/api/v1/session", user), (l.Field("method"), l.Field("target"), l.Field("user"))));
            Assert.InRange(lines.Count(l => l.Field("status") == "401"), 99, 400);
        }
    }

    [Fact]
    public void CredentialStuffing_FromOneSource_EachUserOnceMostly401()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.CredentialStuffingSource))
        {
            Assert.Single(label.Sources);
            Assert.Equal(lines.Count, lines.Select(l => l.Field("user")).Distinct().Count());
            Assert.True(lines.Count(l => l.Field("status") == "401") >= 0.9 * lines.Count);
            Assert.All(lines, l => Assert.Contains("@", l.Field("user"), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void CredentialStuffing_AgainstOneUser_ManySourcesWithinTenMinutes()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.CredentialStuffingUser))
        {
            Assert.InRange(label.Sources.Count, 50, 200);
            Assert.All(lines, l => Assert.Equal(label.Usernames![0], l.Field("user")));
            Assert.All(lines.GroupBy(l => l.Source), g => Assert.InRange(g.Count(), 1, 3));
            Assert.True(label.End - label.Start <= TimeSpan.FromMinutes(10));
        }
    }

    [Fact]
    public void VulnScanner_DistinctPathsMostly404_HalfWithScannerAgents()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.VulnScanner))
        {
            Assert.Equal(lines.Count, lines.Select(l => l.Field("target")).Distinct().Count());
            Assert.True(lines.Count(l => l.Field("status") == "404") >= 0.8 * lines.Count);
        }

        var agents = Campaigns(CampaignKind.VulnScanner, seeds: 8).Select(c => c.Lines[0].Field("agent")).ToList();
        Assert.Contains(agents, a => s_scannerMarks.Any(m => a.Contains(m, StringComparison.Ordinal)));
        Assert.Contains(agents, a => !s_scannerMarks.Any(m => a.Contains(m, StringComparison.Ordinal)));
    }

    [Theory]
    // Each probe kind's lines carry one of its signature strings, the way a keyword rule would see them.
    [InlineData(CampaignKind.SensitiveFileProbe, new[] { "/.env", "/.git/", "backup", ".sql", "server-status", ".bak", ".aws", ".DS_Store", "phpinfo", ".tar", ".zip", "/.", "config", "info", "laravel.log" })]
    [InlineData(CampaignKind.SqlInjection, new[] { "UNION", "OR", "sleep", "SLEEP", "information_schema", "order+by", "ORDER%20BY", "or+1=1", "'--", "WAITFOR", "extractvalue", "@@version", "benchmark", "%27" })]
    [InlineData(CampaignKind.Xss, new[] { "<script>", "%3Cscript", "onload", "javascript:", "javascript%3A", "onerror" })]
    [InlineData(CampaignKind.PathTraversal, new[] { "../", "..%2f", "..%2F", "%2e%2e%2f", "..\\x5C", "..%5c", "....//", "%252e" })]
    [InlineData(CampaignKind.CommandInjection, new[] { ";id", "|whoami", "$(", "`id`", "%60", "%3B", "%7C", ";wget", "%26%26", ";uname" })]
    public void Probes_EveryLineCarriesAPayloadOfItsKind(CampaignKind kind, string[] marks)
    {
        foreach (var (label, lines) in Campaigns(kind))
        {
            Assert.Single(label.Sources);
            Assert.All(lines, l => Assert.Contains(marks, m => l.Field("target").Contains(m, StringComparison.Ordinal)));
            Assert.All(lines, l => Assert.DoesNotContain(s_scannerMarks, m => l.Field("agent").Contains(m, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void ScalperBot_ScriptedAgentsNoAssets_PollsAndBuys()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.ScalperBot))
        {
            Assert.InRange(label.Sources.Count, 1, 5);
            Assert.DoesNotContain(lines, l => l.Field("target").StartsWith("/static/", StringComparison.Ordinal) || l.Field("target").StartsWith("/img/", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Field("method") == "POST" && l.Field("target") == "/checkout");
            Assert.True(lines.Count(l => l.Field("referer") == "-") > 0.8 * lines.Count);
            Assert.All(lines.GroupBy(l => (l.Source, l.Time)), g => Assert.True(g.Count() <= 5));
        }
    }

    [Fact]
    public void SshCampaigns_WriteSshdFailures()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.SshBruteForce))
        {
            Assert.InRange(lines.Count, 50, 500);
            Assert.All(lines, l => Assert.Contains("Failed password for ", l.Text, StringComparison.Ordinal));
            Assert.Single(lines.Select(l => l.Field("host")).Distinct());
        }

        foreach (var (label, lines) in Campaigns(CampaignKind.SshPasswordSpray))
        {
            Assert.InRange(label.Usernames!.Count, 30, 200);
            Assert.Contains(lines, l => l.Text.Contains("]: Invalid user ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Text.Contains("Failed password for invalid user ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveAlertStorm_HundredsOfSevereAlertsInFiveMinutes()
    {
        foreach (var (label, lines) in Campaigns(CampaignKind.EveAlertStorm))
        {
            Assert.InRange(lines.Count, 50, 500);
            Assert.All(lines, l => Assert.Equal("alert", l.EventType));
            Assert.All(lines, l => Assert.InRange(l.Severity ?? 0, 1, 2));
            Assert.True(label.End - label.Start <= TimeSpan.FromMinutes(5));
        }
    }

    private static List<(CampaignLabel Label, List<LogLine> Lines)> Campaigns(CampaignKind kind, int seeds = 0)
    {
        var runs = new List<SimulatedRun> { SimulatedRun.Hour };
        for (var seed = 1; seed <= seeds; seed++)
        {
            // Short, fan-free runs: only the plan and the campaigns matter here.
            runs.Add(SimulatedRun.Generate(new SimulationOptions { Seed = seed, Minutes = 1, Scale = 0.0001 }));
        }

        var name = CampaignKinds.Name(kind);
        var found = runs.SelectMany(run => run.Labels.Where(l => l.Kind == name).Select(label =>
        {
            var sources = label.Sources.ToHashSet(StringComparer.Ordinal);
            return (label, run.LinesFrom(label.Log, sources));
        })).ToList();
        Assert.NotEmpty(found);
        return found;
    }
}
