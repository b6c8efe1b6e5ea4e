using System.CommandLine;
using Haris.Cli.Output;
using Haris.Cli.Scanning;
using Haris.Core.Alerts;
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
        var result = RuleSet.Load(paths, includeBuiltin: !noBuiltin);
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

        env.Out.Write(table);
        env.Out.WriteLine(result.Rules.Count == 1 ? "1 rule" : $"{result.Rules.Count} rules");
        if (result.Errors.Count > 0)
        {
            HarisCli.WriteError(env, $"{result.Errors.Count} rule(s) failed to load");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
