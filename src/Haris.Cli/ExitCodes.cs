namespace Haris.Cli;

/// <summary>The process exit codes of <c>haris</c>; scripts and CI rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job; for <c>scan</c> this holds whether or not alerts were raised.</summary>
    public const int Success = 0;

    /// <summary>Bad usage, an invalid rule or input, or an unexpected error; a message on stderr says which.</summary>
    public const int Failure = 1;

    /// <summary>Interrupted (Ctrl+C); 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
