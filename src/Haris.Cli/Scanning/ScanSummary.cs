using System.Globalization;
using Haris.Core.Alerts;
using Haris.Detection;
using Haris.Detection.Correlation;
using Spectre.Console;

namespace Haris.Cli.Scanning;

/// <summary>Prints what a scan saw on stderr: inputs, lines, malformed lines, regex timeouts, alerts by rule, speed.</summary>
/// <remarks>Paths, reasons and rule titles are printed as <see cref="Text"/>, never as markup.</remarks>
internal static class ScanSummary
{
    public static void Write(IAnsiConsole console, ScanStatistics stats, Detector detector, CorrelationEngine correlations, bool report)
    {
        var seconds = stats.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? stats.Lines / seconds : 0;
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"haris scan: {Plural(stats.Inputs.Count, "input")}, {Plural(stats.Lines, "line")}, {stats.Malformed:N0} malformed, {Plural(stats.Alerts, "alert")} from {Plural(stats.RuleCount, "rule")} in {seconds:0.000} s ({rate:N0} lines/s)"),
            new Style(decoration: Decoration.Bold));

        foreach (var input in stats.Inputs)
        {
            var how = input.Undetermined
                ? $"format not recognised, read as {Name(input.Format)} (use --format)"
                : input.Detected ? $"{Name(input.Format)} (detected)" : Name(input.Format);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {input.Name}: {how}, {Plural(input.Lines, "line")}"));
        }

        if (stats.Malformed > 0)
        {
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Malformed lines ({stats.Malformed:N0}; first {stats.MalformedSamples.Count} shown):"));
            foreach (var bad in stats.MalformedSamples)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bad.File}:{bad.Line}: {bad.Reason}"));
            }
        }

        if (detector.RegexTimeoutCount > 0)
        {
            console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"Regex timeouts ({detector.RegexTimeoutCount:N0}; the rule was taken as not matching):"),
                new Style(Color.Yellow));
            foreach (var timeout in detector.RegexTimeouts)
            {
                console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {timeout.SourceName ?? "?"}:{timeout.Line}: rule \"{timeout.RuleTitle}\" ({timeout.RuleId})"));
            }
        }

        if (correlations.UntimedEvents > 0)
        {
            console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"{correlations.UntimedEvents:N0} matching events had no time and could not be counted by correlation rules (see --time-field)."),
                new Style(Color.Yellow));
        }

        if (stats.Cancelled)
        {
            console.WriteLine("Interrupted: the counts above cover the lines read before Ctrl+C.", new Style(Color.Yellow));
        }

        if (stats.Alerts == 0)
        {
            console.WriteLine("No alerts.");
            return;
        }

        var table = new Table().Border(TableBorder.Simple).Title(new TableTitle(report ? "Report by rule" : "Alerts by rule"));
        table.AddColumn("Rule");
        table.AddColumn("Level");
        table.AddColumn(new TableColumn("Alerts").RightAligned());
        if (report)
        {
            table.AddColumn(new TableColumn("Sources").RightAligned());
            table.AddColumn("First seen");
            table.AddColumn("Last seen");
        }

        var rows = stats.AlertsByRule
            .OrderByDescending(r => r.Count)
            .ThenByDescending(r => r.Level)
            .ThenBy(r => r.Title, StringComparer.Ordinal);
        foreach (var rule in rows)
        {
            var cells = new List<Text>
            {
                new(rule.Title),
                new(rule.Level.ToSigma(), Output.TableAlertOutput.LevelStyle(rule.Level)),
                new(rule.Count.ToString("N0", CultureInfo.InvariantCulture)),
            };
            if (report)
            {
                cells.Add(new Text((rule.SourcesCapped ? "≥" : string.Empty) + rule.DistinctSources.ToString("N0", CultureInfo.InvariantCulture)));
                cells.Add(new Text(rule.FirstSeen is { } first ? AlertJsonWriter.FormatTime(first) : "-"));
                cells.Add(new Text(rule.LastSeen is { } last ? AlertJsonWriter.FormatTime(last) : "-"));
            }

            table.AddRow(cells);
        }

        console.Write(table);
    }

    private static string Plural(long n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? string.Empty : "s")}");

    private static string Name(Haris.Ingest.Parsing.LogFormat format) => format.ToString().ToLowerInvariant();
}
