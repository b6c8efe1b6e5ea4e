using System.CommandLine;

namespace Haris.Cli.Commands;

/// <summary><c>haris tickets</c>: issuing and checking signed match tickets.</summary>
internal sealed class TicketsCommand : Command
{
    public TicketsCommand(CliEnvironment env)
        : base("tickets", "Issue signed match tickets and check tokens offline.")
    {
        Subcommands.Add(new TicketsIssueCommand(env));
        Subcommands.Add(new TicketsVerifyCommand(env));
    }
}
