namespace Haris.Simulation.Tests;

public sealed class LogFormatTests
{
    [Fact]
    public void Generate_EachFile_IsInNonDecreasingTimeOrder()
    {
        var run = SimulatedRun.Hour;

        foreach (var lines in new[] { run.Access, run.Auth, run.Eve })
        {
            for (var i = 1; i < lines.Count; i++)
            {
                Assert.True(lines[i].Time >= lines[i - 1].Time, $"line {i + 1} goes back in time: {lines[i].Text}");
            }
        }
    }

    [Fact]
    public void Generate_AccessLines_MatchCombinedFormatWithVenueOffset()
    {
        var run = SimulatedRun.Hour;

        // Every line was matched by the combined regex while parsing; here the details.
        Assert.All(run.Access, l => Assert.Equal("+0300", l.Field("offset")));
        Assert.All(run.Access, l => Assert.InRange(l.Time, run.Options.Start, run.Options.Start.AddMinutes(60)));
    }

    [Fact]
    public void Generate_Fans_UseIpv4AndIpv6BrowsersAndAssets()
    {
        var run = SimulatedRun.Hour;
        var campaignSources = run.Labels.SelectMany(l => l.Sources).ToHashSet(StringComparer.Ordinal);
        var fans = run.Access.Where(l => !campaignSources.Contains(l.Source) && l.Field("agent").StartsWith("Mozilla/5.0 (", StringComparison.Ordinal)
            && !l.Field("agent").Contains("bot", StringComparison.Ordinal)).ToList();
        var addresses = fans.Select(l => l.Source).Distinct().ToList();

        Assert.InRange(addresses.Count(a => a.Contains(':', StringComparison.Ordinal)) / (double)addresses.Count, 0.18, 0.32);
        Assert.Contains(fans, l => l.Field("target").StartsWith("/static/app.", StringComparison.Ordinal));
        Assert.Contains(fans, l => l.Field("method") == "POST" && l.Field("target") == "/api/v1/session" && l.Field("status") == "401" && l.Field("user") != "-");
        Assert.True(fans.Count(l => l.Field("status") is "200" or "304") > 0.9 * fans.Count);
    }

    [Fact]
    public void Generate_FanSearchQueries_LookNothingLikeAttacks()
    {
        var run = SimulatedRun.Hour;
        var campaignSources = run.Labels.SelectMany(l => l.Sources).ToHashSet(StringComparer.Ordinal);
        var searches = run.Access.Where(l => !campaignSources.Contains(l.Source) && l.Field("target").StartsWith("/search?", StringComparison.Ordinal))
            .Select(l => Uri.UnescapeDataString(l.Field("target").Replace('+', ' ')).ToLowerInvariant())
            .ToList();

        Assert.NotEmpty(searches);
        Assert.All(searches, q =>
        {
            Assert.DoesNotContain("union select", q, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", q, StringComparison.Ordinal);
            Assert.DoesNotContain("../", q, StringComparison.Ordinal);
            Assert.DoesNotContain(";id", q, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Generate_Background_CdnCrawlersAndProbeStayWithinTheirRates()
    {
        var run = SimulatedRun.Hour;

        foreach (var group in run.Access.Where(l => l.Field("agent") == "Amazon CloudFront").GroupBy(l => l.Source))
        {
            Assert.All(group.GroupBy(l => l.Time), second => Assert.True(second.Count() <= 2, group.Key));
        }

        foreach (var group in run.Access.Where(l => l.Field("agent").Contains("bot/", StringComparison.Ordinal)).GroupBy(l => l.Source))
        {
            Assert.All(group.GroupBy(l => l.Time), second => Assert.True(second.Count() <= 1, group.Key));
            Assert.All(group.Where(l => l.Field("status") == "404").GroupBy(l => l.Time.Ticks / TimeSpan.TicksPerMinute / 10),
                window => Assert.True(window.Select(l => l.Field("target")).Distinct().Count() < 10));
        }

        var probes = run.Access.Where(l => l.Field("target") == "/healthz").ToList();
        Assert.InRange(probes.Count, 119, 120);
    }

    [Fact]
    public void Generate_Auth_HasAdminLoginsBesideAttacks()
    {
        var run = SimulatedRun.Hour.Auth;

        Assert.Contains(run, l => l.Text.Contains("]: Accepted p", StringComparison.Ordinal) && l.Source.StartsWith("10.8.0.", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_EveBenignAlerts_AreRareAndLowSeverity()
    {
        var run = SimulatedRun.Hour;
        var campaignSources = run.Labels.SelectMany(l => l.Sources).ToHashSet(StringComparer.Ordinal);
        var benign = run.Eve.Where(l => !campaignSources.Contains(l.Source)).ToList();

        Assert.InRange(benign.Count, 2500, 5000);
        var alerts = benign.Where(l => l.EventType == "alert").ToList();
        Assert.True(alerts.Count <= 2, $"{alerts.Count} benign alerts in an hour");
        Assert.All(alerts, a => Assert.Equal(3, a.Severity));
        Assert.Equal(["dns", "flow", "http", "tls"], benign.Select(l => l.EventType).Where(t => t != "alert").Distinct().Order());
    }
}
