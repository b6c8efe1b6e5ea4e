namespace Haris.Operations.Tournaments;

/// <summary>What a zone of a venue is used for.</summary>
public enum ZoneType
{
    /// <summary>Spectator seating, by sector and tier.</summary>
    Stand,

    /// <summary>The circulation ring behind the stands: food, toilets, stairs.</summary>
    Concourse,

    /// <summary>The field of play and its surrounds.</summary>
    Pitch,

    /// <summary>Hospitality boxes and lounges.</summary>
    Hospitality,

    /// <summary>Press tribune, mixed zone and broadcast positions.</summary>
    Media,

    /// <summary>Areas for staff, stewards, teams and officials only.</summary>
    Staff,
}

/// <summary>An area of a venue whose occupancy the operations room watches.</summary>
/// <remarks>
/// Neighbours go both ways: the loader adds the reverse of every relation listed on one side. The entry, holding and
/// exit capacities are the Green Guide's; <see cref="SafeCapacity"/> is the lowest of those given.
/// </remarks>
public sealed record Zone
{
    /// <summary>Unique within the venue, e.g. <c>north-lower</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The zone's display name.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>What the zone is used for.</summary>
    public required ZoneType Type { get; init; }

    /// <summary>How many people the zone holds (seats for a stand).</summary>
    public required int Capacity { get; init; }

    /// <summary>The ids of the zones people can walk to directly from this one.</summary>
    public IReadOnlyList<string> Neighbours { get; init; } = [];

    /// <summary>How many people the zone's entrances can admit safely, when assessed.</summary>
    public int? EntryCapacity { get; init; }

    /// <summary>How many people the zone can hold safely, when assessed.</summary>
    public int? HoldingCapacity { get; init; }

    /// <summary>How many people the zone's exits can let out safely, when assessed.</summary>
    public int? ExitCapacity { get; init; }

    /// <summary>The Green Guide safe capacity: the lowest of the entry, holding and exit capacities, never above <see cref="Capacity"/>.</summary>
    public int SafeCapacity => Math.Min(Capacity, Math.Min(EntryCapacity ?? int.MaxValue, Math.Min(HoldingCapacity ?? int.MaxValue, ExitCapacity ?? int.MaxValue)));
}
