using System.CommandLine;
using System.CommandLine.Invocation;
using Haris.Cli.Commands;
using Spectre.Console;

namespace Haris.Cli;

/// <summary>Builds the <c>haris</c> command tree and runs it, turning every failure into one message and an exit code.</summary>
internal static class HarisCli
{
    /// <summary>The command tree, its actions bound to <paramref name="env"/>.</summary>
    public static RootCommand CreateRootCommand(CliEnvironment env) =>
        new("Haris: security operations for a major sporting event. Hunts attacks in web, syslog and Suricata logs with Sigma rules.")
        {
            new ScanCommand(env),
            new RulesCommand(env),
            new SimulateCommand(env),
            new TicketsCommand(env),
            new ServeCommand(env),
            new DemoCommand(env),
            new UsersCommand(env),
            new ApiKeysCommand(env),
            new AuditCommand(env),
        };

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        try
        {
            var root = CreateRootCommand(env);
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction)
            {
                foreach (var error in parseResult.Errors)
                {
                    WriteError(env, error.Message);
                }

                var path = CommandPath(parseResult.CommandResult);
                env.Error.WriteLine($"Run '{path} --help' for usage.");
                return ExitCodes.Failure;
            }

            var invocation = new InvocationConfiguration
            {
                Output = env.Out.Profile.Out.Writer,
                Error = env.Error.Profile.Out.Writer,
                // Our own handler below prints one line; the default one prints a stack trace.
                EnableDefaultExceptionHandler = false,
                // Ctrl+C is turned into cancellationToken by Program, so commands can finish their output and summary.
                ProcessTerminationTimeout = null,
            };
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            WriteError(env, ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            WriteError(env, "interrupted");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // Anything else is a bug or an environment problem (disk full, permissions); the user gets the message only.
            WriteError(env, ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Prints <c>haris: error: MESSAGE</c> on stderr, the message as plain text (it may quote attacker input).</summary>
    public static void WriteError(CliEnvironment env, string message) =>
        env.Error.WriteLine("haris: error: " + message);

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult command)
            {
                names.Add(command.Command is RootCommand ? "haris" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
