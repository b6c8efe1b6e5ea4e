using System.ComponentModel.DataAnnotations;

namespace Haris.Server.Pipeline;

/// <summary>The <c>Ingest</c> section of <c>haris.yaml</c>: the pipeline's limits.</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Ingest";

    /// <summary>Batches waiting for detection before sources wait (files, TCP) or drop and count (UDP, HTTP: 429).</summary>
    [Range(1, 65536)]
    public int ChannelCapacity { get; set; } = 256;

    /// <summary>The longest line accepted over HTTP, in bytes; longer lines are skipped and counted.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>The largest HTTP ingest request body, in bytes; larger requests get 413.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 8 * 1024 * 1024;
}

/// <summary>The <c>Rules</c> section: which Sigma rules run live.</summary>
public sealed class RulesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Rules";

    /// <summary>Whether the built-in pack runs (default true).</summary>
    public bool Builtin { get; set; } = true;

    /// <summary>Rule files or folders to load in addition, relative to the working directory.</summary>
    public List<string> Paths { get; set; } = [];
}
