using Haris.Core.Alerts;
using Haris.Core.Events;
using Spectre.Console;

namespace Haris.Cli.Output;

/// <summary>Draws alerts as a table for people once the scan is done (a table needs all its rows to size columns).</summary>
/// <remarks>Every cell is a <see cref="Text"/>: log content is attacker-written and must never be parsed as markup.</remarks>
internal sealed class TableAlertOutput(IAnsiConsole console, IDisposable? owned) : IAlertOutput
{
    // Long request lines would push the other columns off screen; the full value is in NDJSON and CSV.
    private const int MaxDetailLength = 120;

    private readonly List<Alert> _alerts = [];

    public void Write(Alert alert) => _alerts.Add(alert);

    public void Complete()
    {
        if (_alerts.Count == 0)
        {
            console.WriteLine("No alerts.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Time");
        table.AddColumn("Level");
        table.AddColumn("Rule");
        table.AddColumn("Source");
        table.AddColumn("Detail");
        table.AddColumn("Location");
        foreach (var alert in _alerts)
        {
            table.AddRow(
                new Text(alert.Timestamp is { } t ? AlertJsonWriter.FormatTime(t) : "-"),
                new Text(alert.Level.ToSigma(), LevelStyle(alert.Level)),
                new Text(alert.RuleTitle),
                new Text(AlertFieldValues.FirstOf(alert, FieldNames.SourceIp, FieldNames.HostName) ?? "-"),
                new Text(Truncate(AlertFieldValues.FirstOf(alert, FieldNames.UrlOriginal, FieldNames.Message, FieldNames.EventOriginal) ?? string.Empty)),
                new Text(AlertFieldValues.Location(alert)));
        }

        console.Write(table);
    }

    public void Dispose() => owned?.Dispose();

    /// <summary>The style a level is drawn in (a <see cref="Style"/>, not markup).</summary>
    public static Style LevelStyle(AlertLevel level) => level switch
    {
        AlertLevel.Critical => new Style(Color.White, Color.Red, Decoration.Bold),
        AlertLevel.High => new Style(Color.Red),
        AlertLevel.Medium => new Style(Color.Yellow),
        AlertLevel.Low => new Style(Color.Blue),
        _ => Style.Plain,
    };

    private static string Truncate(string value) =>
        value.Length <= MaxDetailLength ? value : string.Concat(value.AsSpan(0, MaxDetailLength - 1), "…");
}
