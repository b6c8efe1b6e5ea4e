namespace Haris.Cli;

/// <summary>A problem the user can fix (a missing input, a bad rule path): printed as one message, never with a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    /// <summary>The exit code the process ends with.</summary>
    public int ExitCode { get; } = exitCode;
}
