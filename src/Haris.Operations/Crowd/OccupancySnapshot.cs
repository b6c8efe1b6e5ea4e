namespace Haris.Operations.Crowd;

/// <summary>What one counter (a zone or a perimeter) has seen: persons admitted, persons gone out, and exits it could not match.</summary>
/// <param name="Admitted">Entries counted.</param>
/// <param name="Exited">Exits counted against earlier entries.</param>
/// <param name="UnmatchedExits">Exits that found nobody inside (a missed entry scan, a double-counted exit): anomalies, not subtracted.</param>
public readonly record struct OccupancyCount(long Admitted, long Exited, long UnmatchedExits)
{
    /// <summary>Persons inside now: admitted minus exited, never below zero because unmatched exits are not subtracted.</summary>
    public long Inside => Admitted - Exited;
}

/// <summary>A consistent copy of a match's occupancy at one moment: every counter read under the same lock.</summary>
/// <param name="VenueId">The venue.</param>
/// <param name="MatchId">The match.</param>
/// <param name="LastScanAt">Time of the latest crossing recorded, or null before the first.</param>
/// <param name="Outer">Persons inside the outer perimeter (which includes those also inside the inner one).</param>
/// <param name="Inner">Persons inside the inner perimeter.</param>
/// <param name="Zones">Each zone's count, by zone id.</param>
public sealed record OccupancySnapshot(
    string VenueId,
    string MatchId,
    DateTimeOffset? LastScanAt,
    OccupancyCount Outer,
    OccupancyCount Inner,
    IReadOnlyDictionary<string, OccupancyCount> Zones)
{
    /// <summary>All exits, on every counter, that found nobody inside.</summary>
    public long UnmatchedExits
    {
        get
        {
            var total = Outer.UnmatchedExits + Inner.UnmatchedExits;
            foreach (var zone in Zones.Values)
            {
                total += zone.UnmatchedExits;
            }

            return total;
        }
    }

    /// <summary>The count of one perimeter.</summary>
    public OccupancyCount Perimeter(PerimeterRing ring) => ring == PerimeterRing.Outer ? Outer : Inner;

    /// <summary>The count of one zone; all zeros for a zone nobody has crossed into.</summary>
    public OccupancyCount Zone(string zoneId) => Zones.TryGetValue(zoneId, out var count) ? count : default;
}
