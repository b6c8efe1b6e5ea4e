namespace Haris.Cli.Output;

/// <summary>The forms <c>haris scan</c> writes alerts in.</summary>
internal enum AlertOutputFormat
{
    /// <summary>One JSON object per line, in the stable alert schema (docs/cli.md).</summary>
    Ndjson,

    /// <summary>A table for people, drawn once the scan is done.</summary>
    Table,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,
}
