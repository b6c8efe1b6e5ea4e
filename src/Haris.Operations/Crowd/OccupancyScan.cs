namespace Haris.Operations.Crowd;

/// <summary>Which way a person crossed a counted line.</summary>
public enum ScanDirection
{
    Entry,
    Exit,
}

/// <summary>The two security perimeters of a venue: the outer one (search and ticket pre-check) and the inner one (the turnstiles).</summary>
public enum PerimeterRing
{
    Outer,
    Inner,
}

/// <summary>One person counted across a gate or check point: the crossings an <see cref="OccupancyTracker"/> adds up.</summary>
/// <param name="Time">When the person was counted.</param>
/// <param name="GateId">The gate or check point that counted them.</param>
/// <param name="Zones">The zones the crossing enters or leaves (nested zones may all be listed); empty for a perimeter-only check point.</param>
/// <param name="Perimeter">The perimeter the crossing passes, or null for a gate between zones inside one perimeter.</param>
/// <param name="Direction">Entry or exit.</param>
/// <remarks>Only admitted persons are crossings: a rejected ticket moves nobody and is not fed to the tracker.</remarks>
public readonly record struct OccupancyScan(
    DateTimeOffset Time,
    string GateId,
    IReadOnlyList<string> Zones,
    PerimeterRing? Perimeter,
    ScanDirection Direction);
