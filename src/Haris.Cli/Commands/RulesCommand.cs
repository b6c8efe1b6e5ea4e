using System.CommandLine;

namespace Haris.Cli.Commands;

/// <summary><c>haris rules</c>: the group of rule commands.</summary>
internal sealed class RulesCommand : Command
{
    public RulesCommand(CliEnvironment env)
        : base("rules", "Check and list Sigma rules.")
    {
        Subcommands.Add(new RulesValidateCommand(env));
        Subcommands.Add(new RulesListCommand(env));
    }
}
