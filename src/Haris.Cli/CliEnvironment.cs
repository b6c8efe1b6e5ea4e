using Spectre.Console;

namespace Haris.Cli;

/// <summary>Where a command reads and writes: the real console in <c>Program</c>, captured buffers in tests.</summary>
internal sealed class CliEnvironment
{
    /// <summary>The width text is laid out to when it goes to a file or pipe.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>Standard output as a console, for data rendered as text (tables, help).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Standard error as a console, for errors, the summary and the progress bar.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Opens standard output as bytes, for NDJSON and CSV, which must not pass through console rendering.</summary>
    public required Func<Stream> OpenStandardOutput { get; init; }

    /// <summary>Standard input as text, for secrets passed on a pipe (<c>--password-stdin</c>).</summary>
    public Func<TextReader> OpenStandardInput { get; init; } = () => Console.In;

    /// <summary>Whether to draw a progress bar: only when stderr is a terminal that a person watches.</summary>
    public bool ShowProgress { get; init; }

    /// <summary>Clock for elapsed time and throughput.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The process console: stdout for data, stderr for everything else.</summary>
    public static CliEnvironment FromSystemConsole()
    {
        var errorIsTerminal = !Console.IsErrorRedirected;
        return new CliEnvironment
        {
            Out = CreateConsole(Console.Out, !Console.IsOutputRedirected),
            Error = CreateConsole(Console.Error, errorIsTerminal),
            OpenStandardOutput = Console.OpenStandardOutput,
            ShowProgress = errorIsTerminal,
        };
    }

    /// <summary>A console over a writer; colour and cursor control only when a person is looking.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            // The caller has already asked the OS whether this is a terminal; Spectre's own guess looks at TERM and
            // stdin, and falls back to printing one progress line per update under tmux or with stdin redirected.
            Ansi = isTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // A file or pipe has no window; Spectre would assume 80 columns and wrap summary lines and table rows.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
