namespace Haris.Ingest.Parsing;

/// <summary>The input formats Haris parses.</summary>
public enum LogFormat
{
    /// <summary>Decide from the first lines of the input.</summary>
    Auto,

    /// <summary>nginx/Apache access logs, <c>combined</c> or <c>common</c>, with any trailing fields.</summary>
    Combined,

    /// <summary>One JSON object per line (NDJSON), ECS documents included.</summary>
    Json,

    /// <summary>Syslog, RFC 3164 or RFC 5424.</summary>
    Syslog,

    /// <summary>Suricata EVE JSON.</summary>
    Eve,
}
