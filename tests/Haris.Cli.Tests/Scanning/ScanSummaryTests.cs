using Haris.Cli.Scanning;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Correlation;
using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;

namespace Haris.Cli.Tests.Scanning;

public sealed class ScanSummaryTests
{
    private const string RuleYaml = """
        title: 'Probe [bold]for[/] <b>admin</b>'
        id: 0d7b1f8e-2f4e-4a57-9a0d-1f0c2c9b4e11
        status: test
        author: Tester
        level: high
        logsource:
            category: webserver
        detection:
            selection:
                cs-uri-query|contains: '/admin'
            condition: selection
        """;

    [Fact]
    public void Write_CountsAndHostileText_PrintsEverythingLiterally()
    {
        var load = SigmaRuleLoader.LoadText(RuleYaml, "probe.yml");
        Assert.Empty(load.Errors);
        var rule = Assert.Single(load.Rules);
        var stats = new ScanStatistics { RuleCount = 1, Lines = 1234, Elapsed = TimeSpan.FromSeconds(2) };
        stats.Inputs.Add(new InputReport("logs/a[1].log") { Format = LogFormat.Combined, Detected = true, Lines = 1234 });
        for (var i = 0; i < 7; i++)
        {
            stats.AddMalformed("logs/a[1].log", 10 + i, "bad [red]request[/] line");
        }

        stats.AddAlert(AlertAt(rule, 1));
        stats.AddAlert(AlertAt(rule, 2));
        var writer = new StringWriter();

        ScanSummary.Write(CliHarness.CreateConsole(writer), stats, new Detector(load.Rules), new CorrelationEngine([]), report: false);

        var text = writer.ToString();
        Assert.Contains("1 input, 1,234 lines, 7 malformed, 2 alerts from 1 rule", text, StringComparison.Ordinal);
        Assert.Contains("617 lines/s", text, StringComparison.Ordinal);
        Assert.Contains("logs/a[1].log: combined (detected), 1,234 lines", text, StringComparison.Ordinal);
        Assert.Contains("Malformed lines (7; first 5 shown):", text, StringComparison.Ordinal);
        Assert.Contains("logs/a[1].log:10: bad [red]request[/] line", text, StringComparison.Ordinal);
        Assert.Contains("logs/a[1].log:14:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("logs/a[1].log:15:", text, StringComparison.Ordinal);
        Assert.Contains("Probe [bold]for[/] <b>admin</b>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Report_ShowsDistinctSourcesAndFirstAndLastSeen()
    {
        var load = SigmaRuleLoader.LoadText(RuleYaml, "probe.yml");
        var rule = Assert.Single(load.Rules);
        var stats = new ScanStatistics { RuleCount = 1, Lines = 3, Elapsed = TimeSpan.FromSeconds(1) };
        stats.AddAlert(AlertAt(rule, 1, "203.0.113.5", 10));
        stats.AddAlert(AlertAt(rule, 2, "203.0.113.5", 20));
        stats.AddAlert(AlertAt(rule, 3, "198.51.100.7", 30));
        var writer = new StringWriter();

        ScanSummary.Write(CliHarness.CreateConsole(writer), stats, new Detector(load.Rules), new CorrelationEngine([]), report: true);

        var text = writer.ToString();
        Assert.Contains("Report by rule", text, StringComparison.Ordinal);
        var row = text.Split('\n').Single(l => l.Contains("Probe", StringComparison.Ordinal));
        Assert.Matches(@"high\s+3\s+2\s+2026-06-11T15:00:10.000Z\s+2026-06-11T15:00:30.000Z", row);
    }

    private static Alert AlertAt(SigmaRule rule, long line, string sourceIp = "192.0.2.1", int seconds = 0)
    {
        var evt = new LogEvent { SourceName = "a.log", LineNumber = line, Timestamp = new DateTimeOffset(2026, 6, 11, 15, 0, seconds, TimeSpan.Zero) };
        evt.Add(KnownFields.SourceIp, sourceIp);
        return AlertFactory.Create(rule, evt);
    }
}
