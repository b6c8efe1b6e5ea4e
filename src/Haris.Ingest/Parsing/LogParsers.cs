using System.Diagnostics.CodeAnalysis;

namespace Haris.Ingest.Parsing;

/// <summary>Creates the parser for a format.</summary>
public static class LogParsers
{
    /// <summary>A new parser for <paramref name="format"/>; parsers keep scratch buffers, so create one per thread.</summary>
    /// <remarks><see cref="LogFormat.Auto"/> is not a parser: resolve it first with <see cref="FormatSniffer.Sniff"/>.</remarks>
    public static ILogParser Create(LogFormat format, ParserOptions? options = null) =>
        format switch
        {
            LogFormat.Combined => new CombinedLogParser(),
            LogFormat.Json => new JsonLogParser(),
            LogFormat.Syslog => new SyslogParser(options),
            LogFormat.Eve => new EveParser(),
            _ => ThrowNoParser(format),
        };

    [DoesNotReturn]
    private static ILogParser ThrowNoParser(LogFormat format) =>
        throw new ArgumentOutOfRangeException(nameof(format), format, "Auto has no parser; sniff the input first.");
}
