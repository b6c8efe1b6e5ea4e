using System.ComponentModel.DataAnnotations;

namespace Haris.Server.Hosting;

/// <summary>The <c>Server</c> section of <c>haris.yaml</c>.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Server";

    /// <summary>The default address: loopback only, so that nothing is exposed until someone decides to.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The addresses Kestrel listens on, separated by <c>;</c>.</summary>
    [Required]
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The largest request body accepted, in bytes (default 16 MiB).</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
