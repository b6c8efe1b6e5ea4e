using System.Text;
using Spectre.Console;

namespace Haris.Cli.Tests;

/// <summary>Runs <c>haris</c> in-process against captured stdout and stderr.</summary>
internal static class CliHarness
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var stdoutText = new StringWriter();
        var stderrText = new StringWriter();
        var stdoutBytes = new MemoryStream();
        var env = new CliEnvironment
        {
            Out = CreateConsole(stdoutText),
            Error = CreateConsole(stderrText),
            OpenStandardOutput = () => stdoutBytes,
            ShowProgress = false,
        };
        var exitCode = await HarisCli.RunAsync(args, env, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, stdoutText.ToString() + Encoding.UTF8.GetString(stdoutBytes.ToArray()), stderrText.ToString());
    }

    /// <summary>A console without colour, wide enough that table cells do not wrap.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = CliEnvironment.CreateConsole(writer, isTerminal: false);
        console.Profile.Width = 400;
        return console;
    }
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr);
