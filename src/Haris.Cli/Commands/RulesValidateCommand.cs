using System.CommandLine;
using System.Globalization;
using Haris.Detection.Sigma;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris rules validate</c>: loads rules the way <c>scan</c> would and reports every one that fails.</summary>
internal sealed class RulesValidateCommand : Command
{
    public static readonly Argument<string[]> PathsArgument = new("PATH")
    {
        Description = "Sigma rule files or folders (searched recursively for *.yml, *.yaml).",
        Arity = ArgumentArity.OneOrMore,
    };

    public RulesValidateCommand(CliEnvironment env)
        : base("validate", "Load rules and report each one that fails, with file, line and reason; exit 1 if any fails.")
    {
        Arguments.Add(PathsArgument);
        SetAction(parseResult => Execute(env, parseResult.GetValue(PathsArgument) ?? []));
    }

    private static int Execute(CliEnvironment env, string[] paths)
    {
        var result = SigmaRuleLoader.LoadPaths(paths);
        foreach (var error in result.Errors)
        {
            env.Out.WriteLine(error.ToString());
        }

        env.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.TotalCount} rules loaded, {result.Errors.Count} failed in {result.FilesRead} files"));
        return result.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
