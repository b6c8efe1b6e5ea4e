using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Turns one log line (UTF-8, without its line terminator) into an event.</summary>
/// <remarks>
/// Implementations are stateless or keep only per-instance scratch; use one instance per thread. A line that cannot be
/// parsed returns false with a short reason; it never throws.
/// </remarks>
public interface ILogParser
{
    /// <summary>The format this parser reads.</summary>
    LogFormat Format { get; }

    /// <summary>
    /// Parses <paramref name="line"/> into <paramref name="evt"/> (already reset by the caller): canonical fields, the
    /// raw line as <c>event.original</c>, the event's <see cref="LogEvent.Logsource"/> and, when the line carries one,
    /// <see cref="LogEvent.Timestamp"/>. Returns false and a reason when the line is malformed.
    /// </summary>
    bool TryParse(ReadOnlySpan<byte> line, LogEvent evt, out string? error);
}
