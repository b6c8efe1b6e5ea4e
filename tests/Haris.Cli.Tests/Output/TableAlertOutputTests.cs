using Haris.Cli.Output;

namespace Haris.Cli.Tests.Output;

public sealed class TableAlertOutputTests
{
    [Fact]
    public void Complete_HostileAlert_RendersMarkupAndHtmlAsLiteralText()
    {
        var writer = new StringWriter();
        var console = CliHarness.CreateConsole(writer);
        var alert = HostileAlert.Create();

        using (var output = new TableAlertOutput(console, owned: null))
        {
            output.Write(Simple(alert));
            output.Complete();
        }

        var text = writer.ToString();
        Assert.Contains("[red]boom[/]", text, StringComparison.Ordinal);
        Assert.Contains("<script>alert(\"x\")</script>", text, StringComparison.Ordinal);
        Assert.Contains(HostileAlert.RuleTitle, text, StringComparison.Ordinal);
        Assert.Contains("logs/[x] access.log:7", text, StringComparison.Ordinal);
        Assert.Contains("203.0.113.66", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_NoAlerts_SaysSo()
    {
        var writer = new StringWriter();

        using (var output = new TableAlertOutput(CliHarness.CreateConsole(writer), owned: null))
        {
            output.Complete();
        }

        Assert.Contains("No alerts.", writer.ToString(), StringComparison.Ordinal);
    }

    // The table shows one line per alert; a CR/LF in the URL is a separate concern (covered by CSV), so keep it out here.
    private static Haris.Core.Alerts.Alert Simple(Haris.Core.Alerts.Alert alert) => new()
    {
        Id = alert.Id,
        RuleId = alert.RuleId,
        RuleTitle = alert.RuleTitle,
        Level = alert.Level,
        Timestamp = alert.Timestamp,
        SourceFile = alert.SourceFile,
        SourceLine = alert.SourceLine,
        Fields =
        [
            new(Haris.Core.Events.FieldNames.SourceIp, "203.0.113.66"),
            new(Haris.Core.Events.FieldNames.UrlOriginal, "/search?q=<script>alert(\"x\")</script>&[red]boom[/]"),
        ],
    };
}
