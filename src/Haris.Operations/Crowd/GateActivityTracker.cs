namespace Haris.Operations.Crowd;

/// <summary>
/// Keeps, per gate, the scans of the last few minutes in one-second buckets and the time of its latest scan, so entry
/// rates and counterfeit shares can be read over any window up to <see cref="Horizon"/>; safe to feed from many scanners.
/// </summary>
/// <remarks>
/// Each gate holds a ring of one bucket per second of the horizon (plus a minute of slack for scanners whose clocks run
/// ahead), so memory is fixed per gate whatever the crowd. A scan older than the ring is too late to count and is
/// dropped (see <see cref="LateScans"/>). Windows are whole seconds: a window of 60 seconds read at 19:00:00 counts the
/// scans stamped from 18:59:01.000 to 19:00:00.999, the sixty seconds ending with the current one.
/// </remarks>
public sealed class GateActivityTracker
{
    private static readonly TimeSpan s_slack = TimeSpan.FromMinutes(1);

    private readonly Lock _gatesLock = new();
    private readonly Dictionary<string, GateRing> _gates = new(StringComparer.Ordinal);
    private readonly int _slots;
    private long _lateScans;

    /// <summary>Creates a tracker that can answer windows up to <paramref name="horizon"/> (five minutes by default).</summary>
    public GateActivityTracker(TimeSpan? horizon = null)
    {
        Horizon = horizon ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(Horizon, TimeSpan.FromSeconds(1), nameof(horizon));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Horizon, TimeSpan.FromHours(1), nameof(horizon));
        _slots = (int)Math.Ceiling((Horizon + s_slack).TotalSeconds);
    }

    /// <summary>The longest window this tracker can count.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>Scans dropped for arriving after their second had left the ring.</summary>
    public long LateScans => Interlocked.Read(ref _lateScans);

    /// <summary>The gates that have reported at least one scan.</summary>
    public IReadOnlyList<string> Gates
    {
        get
        {
            lock (_gatesLock)
            {
                return [.. _gates.Keys];
            }
        }
    }

    /// <summary>Counts one scan.</summary>
    public void Record(in GateScan scan)
    {
        ArgumentException.ThrowIfNullOrEmpty(scan.GateId, nameof(scan));
        if (!Ring(scan.GateId).Add(scan.Time.ToUnixTimeSeconds(), scan.Time, scan.Outcome))
        {
            Interlocked.Increment(ref _lateScans);
        }
    }

    /// <summary>The scans of <paramref name="gateId"/> in the <paramref name="window"/> ending at <paramref name="now"/>.</summary>
    public GateWindowCounts Count(string gateId, TimeSpan window, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, Horizon);
        var seconds = (long)Math.Ceiling(window.TotalSeconds);
        GateRing? ring;
        lock (_gatesLock)
        {
            _gates.TryGetValue(gateId, out ring);
        }

        return ring is null
            ? new GateWindowCounts(gateId, window, now, 0, 0, 0, 0)
            : ring.Count(gateId, window, now, now.ToUnixTimeSeconds(), seconds);
    }

    /// <summary>The time of the latest scan at <paramref name="gateId"/>, whatever its outcome; null when it has had none.</summary>
    public DateTimeOffset? LastScanAt(string gateId)
    {
        lock (_gatesLock)
        {
            return _gates.TryGetValue(gateId, out var ring) ? ring.LastScanAt : null;
        }
    }

    private GateRing Ring(string gateId)
    {
        lock (_gatesLock)
        {
            if (!_gates.TryGetValue(gateId, out var ring))
            {
                ring = new GateRing(_slots);
                _gates.Add(gateId, ring);
            }

            return ring;
        }
    }

    private sealed class GateRing(int slots)
    {
        private readonly Lock _lock = new();
        private readonly Bucket[] _buckets = new Bucket[slots];
        private DateTimeOffset? _lastScanAt;

        public DateTimeOffset? LastScanAt
        {
            get
            {
                lock (_lock)
                {
                    return _lastScanAt;
                }
            }
        }

        public bool Add(long second, DateTimeOffset time, GateScanOutcome outcome)
        {
            lock (_lock)
            {
                if (_lastScanAt is not { } last || time > last)
                {
                    _lastScanAt = time;
                }

                ref var bucket = ref _buckets[Slot(second)];
                if (bucket.Second != second)
                {
                    if (bucket.Second > second)
                    {
                        return false;
                    }

                    bucket = new Bucket { Second = second };
                }

                switch (outcome)
                {
                    case GateScanOutcome.Admitted: bucket.Admitted++; break;
                    case GateScanOutcome.Counterfeit: bucket.Counterfeit++; break;
                    case GateScanOutcome.Duplicate: bucket.Duplicate++; break;
                    default: bucket.Rejected++; break;
                }

                return true;
            }
        }

        public GateWindowCounts Count(string gateId, TimeSpan window, DateTimeOffset now, long nowSecond, long seconds)
        {
            int admitted = 0, counterfeit = 0, duplicate = 0, rejected = 0;
            lock (_lock)
            {
                for (var second = nowSecond - seconds + 1; second <= nowSecond; second++)
                {
                    ref readonly var bucket = ref _buckets[Slot(second)];
                    if (bucket.Second == second)
                    {
                        admitted += bucket.Admitted;
                        counterfeit += bucket.Counterfeit;
                        duplicate += bucket.Duplicate;
                        rejected += bucket.Rejected;
                    }
                }
            }

            return new GateWindowCounts(gateId, window, now, admitted, counterfeit, duplicate, rejected);
        }

        private int Slot(long second)
        {
            var slot = second % _buckets.Length;
            return (int)(slot < 0 ? slot + _buckets.Length : slot);
        }
    }

    private struct Bucket
    {
        public long Second;
        public int Admitted;
        public int Counterfeit;
        public int Duplicate;
        public int Rejected;
    }
}
