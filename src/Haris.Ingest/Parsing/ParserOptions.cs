namespace Haris.Ingest.Parsing;

/// <summary>Settings that parsers cannot read from the line itself.</summary>
public sealed class ParserOptions
{
    /// <summary>Options with every default.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>The year given to RFC 3164 syslog times, which carry none.</summary>
    /// <remarks>Defaults to the current UTC year when the options are created; set it when reading old files.</remarks>
    public int AssumedYear { get; init; } = DateTime.UtcNow.Year;
}
