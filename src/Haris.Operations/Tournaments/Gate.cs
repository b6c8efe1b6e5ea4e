namespace Haris.Operations.Tournaments;

/// <summary>A way into a venue through one of its perimeters, with its turnstiles.</summary>
public sealed record Gate
{
    /// <summary>Unique within the venue, e.g. <c>n3</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The gate's display name.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>The perimeter the gate is set in.</summary>
    public required PerimeterKind Perimeter { get; init; }

    /// <summary>The ids of the zones the gate leads to.</summary>
    public required IReadOnlyList<string> Zones { get; init; }

    /// <summary>How many turnstiles the gate has.</summary>
    public required int Turnstiles { get; init; }
}
