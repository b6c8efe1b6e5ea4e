using System.Globalization;
using BenchmarkDotNet.Attributes;
using Haris.Operations.Crowd;
using Haris.Operations.Tickets;

namespace Haris.Benchmarks;

/// <summary>
/// The turnstile path, per scan: validating a signed ticket (ECDSA P-256 verification, then the checks and the atomic
/// "inside" update) and counting the admitted fan in the occupancy and gate-activity trackers.
/// </summary>
/// <remarks>
/// 8,192 tickets of one match over 4 zones and 8 gates are issued in setup. Each validation run admits every ticket
/// once and the next run starts from an empty presence set, so every measured scan is a first entry (the common case
/// at a gate), not a duplicate.
/// </remarks>
[MemoryDiagnoser]
public class TurnstileBenchmarks
{
    private const int Tickets = 8192;
    private static readonly DateTimeOffset s_kickOff = new(2026, 6, 11, 20, 0, 0, TimeSpan.FromHours(3));

    private TicketKeyRing _keys = null!;
    private IssuedTicket[] _tickets = [];
    private TicketGatePlan _gates = null!;
    private TicketValidator _validator = null!;
    private InMemoryTicketPresence _presence = null!;
    private OccupancyScan[] _occupancyScans = [];
    private GateScan[] _gateScans = [];
    private OccupancyTracker _occupancy = null!;
    private GateActivityTracker _activity = null!;

    /// <summary>Issues the tickets and builds the gate plan.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _keys = TicketKeyRing.Generate();
        var sections = Enumerable.Range(0, 8).Select(g => new SeatingSection($"stand-{g % 4}", $"gate-{g}", $"B{g}", 32, 32)).ToList();
        _tickets = [.. new TicketIssuer(_keys).IssueMany("m1", Tickets, new SeatingPlan(sections), s_kickOff.AddHours(-4), s_kickOff.AddHours(4))];
        _gates = new TicketGatePlan();
        for (var g = 0; g < 8; g++)
        {
            _gates = _gates.Open($"gate-{g}", "m1").Serve($"gate-{g}", $"stand-{g % 4}");
        }

        _occupancyScans = [.. _tickets.Select((t, i) => new OccupancyScan(s_kickOff.AddSeconds(-3600 + (i / 4)), t.GateId, [t.ZoneId], PerimeterRing.Inner, Haris.Operations.Crowd.ScanDirection.Entry))];
        _gateScans = [.. _tickets.Select((t, i) => new GateScan(s_kickOff.AddSeconds(-3600 + (i / 4)), t.GateId, GateScanOutcome.Admitted))];
        IterationSetup();
        var admitted = ValidateTickets();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {nameof(TurnstileBenchmarks)}: {Tickets} tickets, {admitted} admitted in the first run, token length {_tickets[0].Token!.Length}"));
    }

    /// <summary>A fresh presence set and fresh trackers before each run.</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _presence = new InMemoryTicketPresence();
        _validator = new TicketValidator(_keys, new TicketRegistry(), _gates, new InMemoryTicketRevocations(), _presence, new FixedTime(s_kickOff.AddHours(-1)));
        _occupancy = new OccupancyTracker("venue", "m1");
        _activity = new GateActivityTracker();
    }

    /// <summary>One scan at its assigned gate: verify the token, check, mark the holder inside.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int ValidateTickets()
    {
        var admitted = 0;
        foreach (var ticket in _tickets)
        {
            if (_validator.Validate(new ScanRequest(ticket.GateId, ticket.Token!)).Decision == ScanDecision.Admit)
            {
                admitted++;
            }
        }

        return admitted;
    }

    /// <summary>One admitted fan counted in the zone and perimeter occupancy and in the gate's rate window.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public long CountAdmissions()
    {
        for (var i = 0; i < _occupancyScans.Length; i++)
        {
            _occupancy.Record(in _occupancyScans[i]);
            _activity.Record(in _gateScans[i]);
        }

        return _occupancy.Inside(PerimeterRing.Inner);
    }

    /// <summary>Releases the keys.</summary>
    [GlobalCleanup]
    public void Cleanup() => _keys.Dispose();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
