using System.ComponentModel.DataAnnotations;
using Haris.Ingest.Reading;

namespace Haris.Ingest.Sources;

/// <summary>Settings of a <see cref="FileTailSource"/>: the path followed, the line limit and the polling pace.</summary>
public sealed class FileTailOptions : SourceOptions
{
    /// <summary>The largest line-length limit accepted: 64 MiB.</summary>
    public const int MaxLineLengthLimit = 64 * 1024 * 1024;

    /// <summary>The path of the file followed; rotated files are recognised by fingerprint, not by name.</summary>
    [Required]
    [MinLength(1)]
    public string Path { get; set; } = "";

    /// <summary>The longest line kept, in bytes, without its terminator; longer lines are skipped and counted.</summary>
    /// <remarks>Defaults to <see cref="LineReader.DefaultMaxLineLength"/> (4 MiB), as <c>haris scan</c>.</remarks>
    [Range(1, MaxLineLengthLimit)]
    public int MaxLineLength { get; set; } = LineReader.DefaultMaxLineLength;

    /// <summary>How long to wait, once the file is read to its end, before looking for new lines, rotation or truncation.</summary>
    /// <remarks>Defaults to 250 ms.</remarks>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a file that was renamed or deleted must stay unchanged before it is closed and the new file at the path is read.</summary>
    /// <remarks>Defaults to 2 s: a writer keeps appending to the renamed file until it reopens the path (nginx on <c>USR1</c>).</remarks>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RotationGrace { get; set; } = TimeSpan.FromSeconds(2);
}
