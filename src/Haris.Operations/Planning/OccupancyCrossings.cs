using Haris.Operations.Crowd;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>Turns an admitted scan at a venue's gate into the crossing an <see cref="OccupancyTracker"/> counts.</summary>
/// <remarks>
/// A crossing moves the gate's perimeter and the ticket's zone only: the other zones a gate leads to (the concourse
/// behind it) are passed through, not entered for good. The one-zone lists are made once per zone, so a crossing
/// allocates nothing.
/// </remarks>
public sealed class OccupancyCrossings
{
    private readonly Dictionary<string, PerimeterRing> _perimeters;
    private readonly Dictionary<string, string[]> _zones;

    /// <summary>Crossings at the gates of <paramref name="venue"/>.</summary>
    public OccupancyCrossings(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        _perimeters = venue.Gates.ToDictionary(
            g => g.Id, g => g.Perimeter == PerimeterKind.Outer ? PerimeterRing.Outer : PerimeterRing.Inner, StringComparer.Ordinal);
        _zones = venue.Zones.ToDictionary(z => z.Id, z => new[] { z.Id }, StringComparer.Ordinal);
    }

    /// <summary>The crossing of a person admitted at <paramref name="gateId"/> into (or out of) <paramref name="zoneId"/>.</summary>
    /// <exception cref="ArgumentException">The gate or the zone is not the venue's.</exception>
    public OccupancyScan For(DateTimeOffset time, string gateId, string zoneId, ScanDirection direction)
    {
        if (!_perimeters.TryGetValue(gateId, out var perimeter))
        {
            throw new ArgumentException($"no gate '{gateId}' at this venue", nameof(gateId));
        }

        if (!_zones.TryGetValue(zoneId, out var zones))
        {
            throw new ArgumentException($"no zone '{zoneId}' at this venue", nameof(zoneId));
        }

        return new OccupancyScan(time, gateId, zones, perimeter, direction);
    }
}
