using Haris.Cli.Scanning;
using Haris.Detection;
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

        stats.AddAlert(rule);
        stats.AddAlert(rule);
        var writer = new StringWriter();

        ScanSummary.Write(CliHarness.CreateConsole(writer), stats, new Detector(load.Rules));

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
}
