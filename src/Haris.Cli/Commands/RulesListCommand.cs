using System.CommandLine;
using Haris.Cli.Output;
using Haris.Core.Alerts;
using Haris.Detection.Correlation;
using Haris.Detection.Sigma;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris rules list</c>: the rules a scan with the same options would run.</summary>
internal sealed class RulesListCommand : Command
{
    public RulesListCommand(CliEnvironment env)
        : base("list", "List rules: id, title, level and logsource.")
    {
        // The same options as scan, so a list shows exactly the rules a scan with those options runs.
        Options.Add(ScanCommand.RulesOption);
        Options.Add(ScanCommand.NoBuiltinOption);
        SetAction(parseResult => Execute(env, parseResult.GetValue(ScanCommand.RulesOption) ?? [], parseResult.GetValue(ScanCommand.NoBuiltinOption)));
    }

    private static int Execute(CliEnvironment env, string[] paths, bool noBuiltin)
    {
        var result = SigmaRuleLoader.LoadRuleSet(paths, includeBuiltin: !noBuiltin);
        foreach (var error in result.Errors)
        {
            env.Error.WriteLine(error.ToString());
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Id");
        table.AddColumn("Title");
        table.AddColumn("Level");
        table.AddColumn("Logsource");
        foreach (var rule in result.Rules.OrderBy(r => r.Logsource.ToString(), StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal))
        {
            table.AddRow(
                new Text(rule.Id),
                new Text(rule.Title),
                new Text(rule.Level.ToSigma(), TableAlertOutput.LevelStyle(rule.Level)),
                new Text(rule.Logsource.ToString()));
        }

        foreach (var correlation in result.Correlations.OrderBy(c => c.Title, StringComparer.Ordinal))
        {
            table.AddRow(
                new Text(correlation.Id),
                new Text(correlation.Title),
                new Text(correlation.Level.ToSigma(), TableAlertOutput.LevelStyle(correlation.Level)),
                new Text(CorrelationSummary(correlation)));
        }

        env.Out.Write(table);
        env.Out.WriteLine(result.TotalCount == 1 ? "1 rule" : $"{result.TotalCount} rules");
        if (result.Errors.Count > 0)
        {
            HarisCli.WriteError(env, $"{result.Errors.Count} rule(s) failed to load");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    // What a correlation counts, where other rules show their logsource: "event_count by source.ip in 1m".
    private static string CorrelationSummary(CorrelationRule correlation)
    {
        var type = correlation.Type switch
        {
            CorrelationType.EventCount => "event_count",
            CorrelationType.ValueCount => "value_count",
            CorrelationType.Temporal => "temporal",
            CorrelationType.TemporalOrdered => "temporal_ordered",
            CorrelationType.ValueSum => "value_sum",
            _ => "value_avg",
        };
        var by = correlation.GroupBy.Count == 0 ? string.Empty : " by " + string.Join(", ", correlation.GroupBy);
        return $"{type}{by} in {Span(correlation.Timespan)}";
    }

    private static string Span(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.Days}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)span.TotalHours}h"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)span.TotalMinutes}m"
        : $"{(long)span.TotalSeconds}s";
}
