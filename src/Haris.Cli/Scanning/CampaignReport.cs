using System.Globalization;
using Haris.Simulation.Scoring;
using Spectre.Console;

namespace Haris.Cli.Scanning;

/// <summary>Prints how a scan did against a simulated day's labelled campaigns (<c>haris scan --labels</c>).</summary>
internal static class CampaignReport
{
    public static void Write(IAnsiConsole console, string labelsPath, CampaignScore score)
    {
        var table = new Table().Border(TableBorder.Simple).Title(new TableTitle($"Campaigns in {labelsPath}"));
        table.AddColumn("Kind");
        table.AddColumn(new TableColumn("Campaigns").RightAligned());
        table.AddColumn(new TableColumn("Detected").RightAligned());
        table.AddColumn(new TableColumn("Recall").RightAligned());
        foreach (var kind in score.Kinds)
        {
            table.AddRow(
                new Text(kind.Kind),
                new Text(kind.Campaigns.ToString(CultureInfo.InvariantCulture)),
                new Text(kind.Detected.ToString(CultureInfo.InvariantCulture)),
                new Text(kind.Recall.ToString("P0", CultureInfo.InvariantCulture), kind.Recall < 1 ? new Style(Color.Red) : Style.Plain));
        }

        console.Write(table);
        var campaigns = score.Kinds.Sum(k => k.Campaigns);
        var detected = score.Kinds.Sum(k => k.Detected);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall: {detected}/{campaigns} campaigns detected by the rules meant for them"));
        foreach (var missed in score.Missed)
        {
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  missed {missed.Campaign} {missed.Kind} from {string.Join(", ", missed.Sources.Take(3))}{(missed.Sources.Count > 3 ? ", ..." : string.Empty)} ({missed.Start:HH:mm:ss}–{missed.End:HH:mm:ss} UTC)"),
                new Style(Color.Red));
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"high or critical alerts on sources in no campaign: {score.BenignHighAlerts}"));
        foreach (var (rule, source) in score.BenignSamples)
        {
            console.WriteLine($"  {rule} on {source}", new Style(Color.Red));
        }
    }
}
