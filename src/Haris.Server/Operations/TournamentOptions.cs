namespace Haris.Server.Operations;

/// <summary>The <c>Tournament</c> section of <c>haris.yaml</c>: where the tournament's venues, matches and procedures are described.</summary>
public sealed class TournamentOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Tournament";

    /// <summary>The tournament YAML (docs/tournament.md), relative to the working directory; none by default.</summary>
    public string? Path { get; set; }
}
