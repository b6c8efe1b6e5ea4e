using Haris.Operations.Crowd;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Simulation.Ingress;

/// <summary>
/// One ingress run: the crowd of one match arriving at its gates, the injected trouble, and the egress, written as
/// turnstile scans in time order.
/// </summary>
/// <remarks>
/// Times are whole milliseconds since <see cref="_origin"/>, the scans' precision, so the verdicts counted here are the
/// ones a validator whose clock reads each scan's time gives. Per ticket the run keeps its zone, gate, a byte of state
/// and its place in the arrival order (13 bytes beside the ticket itself); everything else is either fixed per venue or
/// a pending event in the queue (people walking to another gate, waiting in a gate's queue, out for a smoke), which
/// follows the crowd at one moment, not its size.
/// </remarks>
internal sealed partial class IngressRun
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;

    private const byte InsideFlag = 1;
    private const byte CopyPlannedFlag = 2;
    private const byte ExitPlannedFlag = 4;

    /// <summary>How long before kick-off the pressure on one zone begins.</summary>
    private static readonly TimeSpan s_pressureWindow = TimeSpan.FromMinutes(30);

    /// <summary>How long before kick-off the last of the routed holders arrive.</summary>
    private static readonly TimeSpan s_lateWindowEnd = TimeSpan.FromMinutes(3);

    private readonly MatchIngress _ingress;
    private readonly IngressOptions _options;
    private readonly Match _match;
    private readonly Venue _venue;
    private readonly IReadOnlyList<IssuedTicket> _tickets;
    private readonly IReadOnlyList<IssuedTicket> _others;
    private readonly DateTimeOffset _origin;
    private readonly long _originUnixSeconds;
    private readonly long _gatesOpen;
    private readonly long _kickOff;

    private readonly Gate[] _gates;
    private readonly Dictionary<string, int> _gateIndex;
    private readonly Zone[] _zones;
    private readonly bool[][] _serves;
    private readonly int[][] _gatesServing;
    private readonly int[] _spectatorGates;
    private readonly long[] _serviceInterval;
    private readonly long[] _nextFree;

    private readonly int[] _zoneOf;
    private readonly int[] _gateOf;
    private readonly byte[] _flags;
    private readonly int[] _order;
    private readonly long[] _insideByZone;

    private readonly Random _planRng;
    private readonly Random _fanRng;
    private readonly Random _gateRng;
    private readonly Random _egressRng;
    private readonly Counterfeiter _counterfeiter;
    private readonly int[] _arrivalSeeds;
    private readonly PriorityQueue<IngressEvent, EventKey> _queue = new(EventKeyComparer.Instance);
    private readonly List<Source> _sources = [];
    private readonly LogWriter _writer;
    private long _sequence;

    private int _mainCount;
    private int _lateCount;
    private int _mainCursor;
    private int _lateCursor;
    private int _strayCursor;
    private int _egressCursor;
    private int _failGate = -1;
    private int _waveGate = -1;
    private int _pressuredZone = -1;
    private long _failStart;
    private long _failEnd;
    private long _waveStart;
    private long _waveEnd;
    private long _pressureStart;
    private long _whistle;
    private int[] _waveTemplates = [];

    public IngressRun(MatchIngress ingress, IngressOptions options, Stream scans)
    {
        _ingress = ingress;
        _options = options;
        _match = ingress.Match;
        _venue = ingress.Tournament.VenueOf(_match);
        _tickets = ingress.Tickets;
        _others = ingress.OtherMatchTickets;

        // The arrival curve reaches back three hours before kick-off; gates may open earlier.
        var first = _match.GatesOpenUtc < _match.KickOffUtc - TimeSpan.FromHours(3) ? _match.GatesOpenUtc : _match.KickOffUtc - TimeSpan.FromHours(3);
        _origin = new DateTimeOffset(first.UtcTicks - (first.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        _originUnixSeconds = _origin.ToUnixTimeSeconds();
        _gatesOpen = Millis(_match.GatesOpenUtc);
        _kickOff = Millis(_match.KickOffUtc);

        _gates = [.. _venue.Gates];
        _zones = [.. _venue.Zones];
        _gateIndex = new Dictionary<string, int>(_gates.Length, StringComparer.Ordinal);
        for (var g = 0; g < _gates.Length; g++)
        {
            _gateIndex.TryAdd(_gates[g].Id, g);
        }

        var zoneIndex = new Dictionary<string, int>(_zones.Length, StringComparer.Ordinal);
        for (var z = 0; z < _zones.Length; z++)
        {
            zoneIndex.TryAdd(_zones[z].Id, z);
        }

        _serves = new bool[_gates.Length][];
        _serviceInterval = new long[_gates.Length];
        _nextFree = new long[_gates.Length];
        for (var g = 0; g < _gates.Length; g++)
        {
            _serves[g] = new bool[_zones.Length];
            foreach (var zone in _gates[g].Zones)
            {
                if (zoneIndex.TryGetValue(zone, out var z))
                {
                    _serves[g][z] = true;
                }
            }

            // One person per turnstile every 60/11 seconds: the Green Guide's 660 an hour.
            _serviceInterval[g] = Math.Max(1, 3_600_000L / ((long)Venue.TurnstileRatePerHour * _gates[g].Turnstiles));
        }

        _gatesServing = new int[_zones.Length][];
        for (var z = 0; z < _zones.Length; z++)
        {
            _gatesServing[z] = [.. Enumerable.Range(0, _gates.Length).Where(g => _serves[g][z])];
        }

        _spectatorGates = [.. CrowdMatchBuilder.SpectatorGates(_venue).Select(g => _gateIndex[g.Id])];

        var count = _tickets.Count;
        _zoneOf = new int[count];
        _gateOf = new int[count];
        _flags = new byte[count];
        _order = new int[count];
        _insideByZone = new long[_zones.Length];
        for (var i = 0; i < count; i++)
        {
            _zoneOf[i] = zoneIndex[_tickets[i].ZoneId];
            _gateOf[i] = _gateIndex[_tickets[i].GateId];
        }

        // One stream per concern, so that (for example) the shape of the wave does not move every fan's arrival.
        var master = new Random(options.Seed);
        _planRng = new Random(master.Next());
        _fanRng = new Random(master.Next());
        _gateRng = new Random(master.Next());
        _egressRng = new Random(master.Next());
        _counterfeiter = new Counterfeiter(new Random(master.Next()));
        _arrivalSeeds = [master.Next(), master.Next(), master.Next(), master.Next(), master.Next(), master.Next()];
        _writer = new LogWriter(scans, _origin);
    }

    private enum EventKind : byte
    {
        /// <summary>The next item of a <see cref="Source"/> is due.</summary>
        Source,

        /// <summary>Someone reaches a gate and joins its queue.</summary>
        Arrive,

        /// <summary>Someone at the head of a gate's queue is scanned.</summary>
        Scan,

        /// <summary>A holder leaves through a gate.</summary>
        Exit,

        /// <summary>The final whistle draws near: the egress begins.</summary>
        EgressStart,
    }

    /// <summary>Who presents what at the turnstile.</summary>
    private enum Presenter : byte
    {
        /// <summary>The holder of a match ticket.</summary>
        Holder,

        /// <summary>A second person with a copy of a match ticket.</summary>
        Copy,

        /// <summary>Someone with a counterfeit.</summary>
        Counterfeit,

        /// <summary>A fan with a ticket of another match.</summary>
        Stray,
    }

    private enum SourceKind : byte
    {
        Main,
        Late,
        Wave,
        Scattered,
        Stray,
        Egress,
    }

    /// <summary>Runs the whole ingress and egress, writing every scan; the labels are then read from <see cref="Labels"/>.</summary>
    public IngressSummary Run(CancellationToken cancellationToken)
    {
        Plan();
        var fired = 0;
        while (_queue.TryDequeue(out var item, out var key))
        {
            if ((++fired & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var now = key.Time;
            switch (item.Kind)
            {
                case EventKind.Source:
                    FireSource(item.Index, now);
                    break;
                case EventKind.Arrive:
                    Queue(item.Gate, now, item.Presenter, item.Index, item.Token);
                    break;
                case EventKind.Scan:
                    EmitEntry(now, item.Gate, item.Presenter, item.Index, item.Token);
                    break;
                case EventKind.Exit:
                    EmitExit(now, item.Gate, item.Index, item.Temporary);
                    break;
                case EventKind.EgressStart:
                    StartEgress(now);
                    break;
            }
        }

        _writer.Dispose();
        return new IngressSummary(
            _tickets.Count, _mainCount + _lateCount, _writer.Lines, _entered, _exited, _counterfeits, _duplicates, _wrongGates,
            _wrongMatches, _outsideValidity, Labels().Count);
    }

    private void Plan()
    {
        PlanPressure();
        PlanArrivalOrder();
        PlanGates();

        var ingressEnd = _kickOff + (15 * Minute);
        AddSource(SourceKind.Main, _ingress.Arrivals, 0, ingressEnd, _mainCount);
        var lateEnd = _kickOff - (long)s_lateWindowEnd.TotalMilliseconds;
        AddSource(SourceKind.Late, Flat(_pressureStart, lateEnd), _pressureStart, lateEnd, _lateCount);
        var wave = Math.Max(_options.MinimumWave, (int)Math.Round(_tickets.Count * _options.CounterfeitWaveShare));
        AddSource(SourceKind.Wave, Flat(_waveStart, _waveEnd), _waveStart, _waveEnd, wave);
        var open = Math.Max(0, _gatesOpen);
        AddSource(SourceKind.Scattered, Flat(open, _kickOff), open, _kickOff, (int)Math.Round(_tickets.Count * _options.ScatteredCounterfeitShare));
        AddSource(SourceKind.Stray, Flat(open, _kickOff), open, _kickOff, _others.Count);

        // Two halves of 45 minutes, a 15-minute break and 2 to 10 minutes added on.
        _whistle = _kickOff + ((105 + _planRng.Next(2, 11)) * Minute);
        Enqueue(_whistle - (10 * Minute), new IngressEvent(EventKind.EgressStart, -1, Presenter.Holder, -1, null, false));
    }

    // The pressured zone is sold out (or nearly) and most of its holders are routed to it in the last half hour, so it
    // fills to its safe capacity just before kick-off, as a stand does when the approach to it has been held up.
    private void PlanPressure()
    {
        var tickets = new long[_zones.Length];
        foreach (var zone in _zoneOf)
        {
            tickets[zone]++;
        }

        if (_ingress.PressuredZone is { } chosen)
        {
            _pressuredZone = Array.FindIndex(_zones, z => z.Id == chosen);
        }
        else
        {
            for (var z = 0; z < _zones.Length; z++)
            {
                var safe = _zones[z].SafeCapacity;
                if (tickets[z] == 0 || safe <= 0)
                {
                    continue;
                }

                // tickets/safe above the best so far, cross-multiplied so that no rounding picks the zone.
                if (_pressuredZone < 0 || tickets[z] * _zones[_pressuredZone].SafeCapacity > tickets[_pressuredZone] * safe)
                {
                    _pressuredZone = z;
                }
            }
        }

        _pressureStart = _kickOff - (long)s_pressureWindow.TotalMilliseconds;
    }

    private void PlanArrivalOrder()
    {
        var routed = RoutedShare();

        // Draw each holder's fate in ticket order (the flags hold it for a moment): 1 main crowd, 2 routed late, 0 no-show.
        for (var i = 0; i < _tickets.Count; i++)
        {
            var pressured = _zoneOf[i] == _pressuredZone;
            var noShow = _planRng.Chance(pressured ? _options.NoShowShare / 3 : _options.NoShowShare);
            _flags[i] = noShow ? (byte)0 : pressured && _planRng.Chance(routed) ? (byte)2 : (byte)1;
            if (_flags[i] == 1)
            {
                _mainCount++;
            }
            else if (_flags[i] == 2)
            {
                _lateCount++;
            }
        }

        int main = 0, late = _mainCount, absent = _mainCount + _lateCount;
        for (var i = 0; i < _tickets.Count; i++)
        {
            _order[_flags[i] switch { 1 => main++, 2 => late++, _ => absent++ }] = i;
            _flags[i] = 0;
        }

        Shuffle(_order, 0, _mainCount, _planRng);
        Shuffle(_order, _mainCount, _lateCount, _planRng);
    }

    // The share of the pressured zone's holders routed to it late: as configured, but no more than its gates can take at
    // half their turnstile rate over the window, so the zone fills up rather than the queue outside it.
    private double RoutedShare()
    {
        if (_pressuredZone < 0)
        {
            return 0;
        }

        var turnstiles = _gatesServing[_pressuredZone].Sum(g => (long)_gates[g].Turnstiles);
        var window = s_pressureWindow - s_lateWindowEnd;
        var capacity = turnstiles * Venue.TurnstileRatePerHour * window.TotalHours / 2;
        var holders = _zoneOf.Count(z => z == _pressuredZone) * (1 - (_options.NoShowShare / 3));
        return holders <= 0 ? 0 : Math.Min(_options.PressureShare, capacity / holders);
    }

    private void PlanGates()
    {
        var used = new bool[_gates.Length];
        foreach (var gate in _gateOf)
        {
            used[gate] = true;
        }

        var candidates = _spectatorGates.Where(g => used[g]).ToArray();
        if (candidates.Length == 0)
        {
            candidates = [.. _gateOf.Distinct().Order()];
        }

        // The failing gate is one whose holders have another gate to be sent to, when there is such a gate.
        var covered = candidates.Where(g => Enumerable.Range(0, _zones.Length).All(z => !_serves[g][z] || _gatesServing[z].Length > 1)).ToArray();
        _failGate = _planRng.Pick(covered.Length > 0 ? covered : candidates);
        var rest = candidates.Where(g => g != _failGate).ToArray();
        _waveGate = rest.Length > 0 ? _planRng.Pick(rest) : _failGate;

        (_failStart, _failEnd) = Window(105, 45, 12 * 60, 18 * 60);
        (_waveStart, _waveEnd) = Window(80, 35, 10 * 60, 15 * 60);

        var templates = new List<int>();
        foreach (var i in _order)
        {
            if (_gateOf[i] == _waveGate && templates.Count < 64)
            {
                templates.Add(i);
            }
        }

        _waveTemplates = templates.Count > 0 ? [.. templates] : [_order[0]];
    }

    // A window starting from `earliest` to `latest` minutes before kick-off (never in the first ten minutes after the
    // gates open), lasting `minSeconds` to `maxSeconds`, in whole seconds.
    private (long Start, long End) Window(int earliest, int latest, int minSeconds, int maxSeconds)
    {
        var lo = Math.Max(_gatesOpen + (10 * Minute), _kickOff - (earliest * Minute)) / Second;
        var hi = Math.Max(lo, (_kickOff - (latest * Minute)) / Second);
        var start = (lo + _planRng.NextInt64(hi - lo + 1)) * Second;
        return (start, start + (_planRng.Next(minSeconds, maxSeconds + 1) * Second));
    }

    private void AddSource(SourceKind kind, ArrivalCurve curve, long from, long to, int count)
    {
        if (count <= 0 || to <= from)
        {
            return;
        }

        var times = new SortedArrivals(curve, At(from), At(to), _origin, count, new Random(_arrivalSeeds[(int)kind]));
        _sources.Add(new Source(kind, times));
        NextFromSource(_sources.Count - 1);
    }

    private void NextFromSource(int index)
    {
        if (_sources[index].Times.TryNext(out var at))
        {
            Enqueue(at, new IngressEvent(EventKind.Source, -1, Presenter.Holder, index, null, false));
        }
    }

    private ArrivalCurve Flat(long from, long to) => ArrivalCurve.FromBuckets(At(from), TimeSpan.FromMilliseconds(Math.Max(1, to - from)), [1.0]);

    /// <summary>The most events that were pending at once: people walking, queuing or out for a while, and the sources.</summary>
    public int PeakPending { get; private set; }

    private void Enqueue(long at, IngressEvent item)
    {
        _queue.Enqueue(item, new EventKey(at, _sequence++));
        PeakPending = Math.Max(PeakPending, _queue.Count);
    }

    private DateTimeOffset At(long millis) => _origin.AddMilliseconds(millis);

    private long Millis(DateTimeOffset time) => (long)(time - _origin).TotalMilliseconds;

    private static void Shuffle(int[] items, int start, int length, Random rng)
    {
        for (var i = length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[start + i], items[start + j]) = (items[start + j], items[start + i]);
        }
    }

    private readonly record struct IngressEvent(EventKind Kind, int Gate, Presenter Presenter, int Index, string? Token, bool Temporary);

    private sealed record Source(SourceKind Kind, SortedArrivals Times);
}
