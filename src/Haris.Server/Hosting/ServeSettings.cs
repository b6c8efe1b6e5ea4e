namespace Haris.Server.Hosting;

/// <summary>What <c>haris serve</c> was told on its command line; each value, when given, wins over <c>haris.yaml</c> and the environment.</summary>
public sealed record ServeSettings
{
    /// <summary>The <c>haris.yaml</c> to read, or null to read <c>./haris.yaml</c> when it exists.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The data directory (<c>--data</c>), or null for the configured one (default <c>./data</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The addresses to listen on (<c>--urls</c>, separated by <c>;</c>), or null for the configured ones.</summary>
    public string? Urls { get; init; }
}
