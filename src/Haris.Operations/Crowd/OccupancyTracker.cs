namespace Haris.Operations.Crowd;

/// <summary>
/// Counts, for one match, the persons inside each zone and each perimeter from the crossings its gates and check points
/// report; safe to feed from many scanners at once.
/// </summary>
/// <remarks>
/// One lock guards every counter, so a crossing that enters a perimeter and two nested zones moves all three together
/// and a snapshot never shows half of it. An uncontended lock costs tens of nanoseconds, far below what a scan costs.
/// A count never goes below zero: an exit that finds nobody inside is kept as an anomaly instead.
/// </remarks>
public sealed class OccupancyTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Counter> _zones = new(StringComparer.Ordinal);
    private readonly Counter _outer = new();
    private readonly Counter _inner = new();
    private DateTimeOffset? _lastScanAt;

    /// <summary>Creates the tracker of <paramref name="matchId"/> at <paramref name="venueId"/>.</summary>
    /// <param name="venueId">The venue.</param>
    /// <param name="matchId">The match.</param>
    /// <param name="zoneIds">Zones to list in every snapshot even before anyone enters them; others are added on first crossing.</param>
    public OccupancyTracker(string venueId, string matchId, IEnumerable<string>? zoneIds = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(venueId);
        ArgumentException.ThrowIfNullOrEmpty(matchId);
        VenueId = venueId;
        MatchId = matchId;
        foreach (var zone in zoneIds ?? [])
        {
            _zones.TryAdd(zone, new Counter());
        }
    }

    /// <summary>The venue.</summary>
    public string VenueId { get; }

    /// <summary>The match.</summary>
    public string MatchId { get; }

    /// <summary>Counts one crossing on its perimeter and on each of its zones.</summary>
    /// <returns>False when the crossing was an exit that found nobody inside one of its counters (counted as an anomaly there).</returns>
    public bool Record(in OccupancyScan scan)
    {
        var zones = scan.Zones ?? [];
        var matched = true;
        lock (_lock)
        {
            if (scan.Perimeter is { } ring)
            {
                matched &= (ring == PerimeterRing.Outer ? _outer : _inner).Apply(scan.Direction);
            }

            for (var i = 0; i < zones.Count; i++)
            {
                if (!_zones.TryGetValue(zones[i], out var counter))
                {
                    counter = new Counter();
                    _zones.Add(zones[i], counter);
                }

                matched &= counter.Apply(scan.Direction);
            }

            if (_lastScanAt is not { } last || scan.Time > last)
            {
                _lastScanAt = scan.Time;
            }
        }

        return matched;
    }

    /// <summary>Persons inside <paramref name="zoneId"/> now.</summary>
    public long Inside(string zoneId)
    {
        lock (_lock)
        {
            return _zones.TryGetValue(zoneId, out var counter) ? counter.Admitted - counter.Exited : 0;
        }
    }

    /// <summary>Persons inside <paramref name="ring"/> now.</summary>
    public long Inside(PerimeterRing ring)
    {
        lock (_lock)
        {
            var counter = ring == PerimeterRing.Outer ? _outer : _inner;
            return counter.Admitted - counter.Exited;
        }
    }

    /// <summary>Copies every counter at one moment.</summary>
    public OccupancySnapshot Snapshot()
    {
        lock (_lock)
        {
            var zones = new Dictionary<string, OccupancyCount>(_zones.Count, StringComparer.Ordinal);
            foreach (var (id, counter) in _zones)
            {
                zones.Add(id, counter.ToCount());
            }

            return new OccupancySnapshot(VenueId, MatchId, _lastScanAt, _outer.ToCount(), _inner.ToCount(), zones);
        }
    }

    // Mutated only under the tracker's lock.
    private sealed class Counter
    {
        public long Admitted;
        public long Exited;
        public long UnmatchedExits;

        public bool Apply(ScanDirection direction)
        {
            if (direction == ScanDirection.Entry)
            {
                Admitted++;
                return true;
            }

            if (Exited < Admitted)
            {
                Exited++;
                return true;
            }

            UnmatchedExits++;
            return false;
        }

        public OccupancyCount ToCount() => new(Admitted, Exited, UnmatchedExits);
    }
}
