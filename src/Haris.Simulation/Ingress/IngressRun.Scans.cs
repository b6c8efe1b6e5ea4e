using Haris.Operations.Tickets;

namespace Haris.Simulation.Ingress;

internal sealed partial class IngressRun
{
    // The index of a counterfeit's event says which injection it belongs to.
    private const int WaveCounterfeit = 0;
    private const int ScatteredCounterfeit = 1;

    private readonly Tally _ingressTally = new();
    private readonly Tally _wrongGateTally = new();
    private readonly Tally _duplicateTally = new();
    private readonly Tally _wrongMatchTally = new();
    private readonly Tally _waveTally = new();
    private readonly Tally _scatteredTally = new();
    private readonly Tally _reentryTally = new();
    private readonly Tally _egressTally = new();
    private long _entered;
    private long _exited;
    private long _counterfeits;
    private long _duplicates;
    private long _wrongGates;
    private long _wrongMatches;
    private long _outsideValidity;
    private long _held;
    private long _peak;
    private long? _reachesNinety;

    private void FireSource(int index, long now)
    {
        var source = _sources[index];
        switch (source.Kind)
        {
            case SourceKind.Main:
                Arrive(_order[_mainCursor++], now);
                break;
            case SourceKind.Late:
                Arrive(_order[_mainCount + _lateCursor++], now);
                break;
            case SourceKind.Wave:
                Queue(_waveGate, now, Presenter.Counterfeit, WaveCounterfeit, _counterfeiter.Next(_tickets[_gateRng.Pick(_waveTemplates)].Token!));
                break;
            case SourceKind.Scattered:
                Queue(_gateRng.Pick(_spectatorGates), now, Presenter.Counterfeit, ScatteredCounterfeit, _counterfeiter.Next(_tickets[_gateRng.Next(_tickets.Count)].Token!));
                break;
            case SourceKind.Stray:
                var stray = _others[_strayCursor];
                var gate = _gateIndex.TryGetValue(stray.GateId, out var own) ? own : _gateRng.Pick(_spectatorGates);
                Queue(gate, now, Presenter.Stray, _strayCursor++, stray.Token);
                break;
            case SourceKind.Egress:
                NextEgressExit(now);
                break;
        }

        NextFromSource(index);
    }

    // A holder reaches the stadium: most go to the gate on their ticket, some to another gate of their stand, and some
    // first to a gate that does not lead to their stand at all.
    private void Arrive(int ticket, long now)
    {
        var zone = _zoneOf[ticket];
        var own = _gateOf[ticket];
        if (_fanRng.Chance(_options.WrongGateShare) && TryPick(_spectatorGates, g => !_serves[g][zone], now, out var wrong))
        {
            Queue(wrong, now, Presenter.Holder, ticket, _tickets[ticket].Token);
        }
        else if (_fanRng.Chance(_options.OtherGateShare) && TryPick(_gatesServing[zone], g => g != own, now, out var other))
        {
            Queue(other, now, Presenter.Holder, ticket, _tickets[ticket].Token);
        }
        else
        {
            Queue(own, now, Presenter.Holder, ticket, _tickets[ticket].Token);
        }
    }

    // Joins a gate's queue: each gate scans one person every 60/11 seconds per turnstile, first come first served. A
    // failing gate scans nobody: stewards send ticket holders to another gate of their stand (or, with none, hold
    // them until it works again), and anyone else goes to another gate.
    private void Queue(int gate, long now, Presenter presenter, int index, string? token)
    {
        if (InOutage(gate, now))
        {
            var alternatives = presenter is Presenter.Holder or Presenter.Copy ? _gatesServing[_zoneOf[index]] : _spectatorGates;
            if (TryPick(alternatives, g => g != gate, now, out var other))
            {
                _held++;
                var walk = presenter is Presenter.Holder or Presenter.Copy ? _gateRng.Next(2 * 60, (6 * 60) + 1) * Second : 0;
                Enqueue(now + walk, new IngressEvent(EventKind.Arrive, other, presenter, index, token, false));
                return;
            }

            _held++;
        }

        var at = Math.Max(Math.Max(now, _gatesOpen), _nextFree[gate]);
        if (gate == _failGate && at >= _failStart && at < _failEnd)
        {
            // Those already queuing when the readers fail wait for them to come back.
            at = _failEnd;
        }

        _nextFree[gate] = at + _serviceInterval[gate];
        if (at == now)
        {
            EmitEntry(now, gate, presenter, index, token);
        }
        else
        {
            Enqueue(at, new IngressEvent(EventKind.Scan, gate, presenter, index, token, false));
        }
    }

    private void EmitEntry(long now, int gate, Presenter presenter, int index, string? token)
    {
        WriteScan(now, gate, token ?? string.Empty, "in");
        if (presenter == Presenter.Counterfeit)
        {
            _counterfeits++;
            (index == WaveCounterfeit ? _waveTally : _scatteredTally).Add(now);
            return;
        }

        var ticket = presenter == Presenter.Stray ? _others[index] : _tickets[index];
        var inside = presenter != Presenter.Stray && (_flags[index] & InsideFlag) != 0;
        var serves = presenter != Presenter.Stray && _serves[gate][_zoneOf[index]];
        var reason = Expect(ticket, gate, now, serves, inside);
        if (presenter == Presenter.Holder)
        {
            _ingressTally.Add(now);
        }

        switch (reason)
        {
            case ScanReason.Entered:
                _entered++;
                _flags[index] |= InsideFlag;
                Entered(_zoneOf[index], now);
                if (presenter == Presenter.Holder)
                {
                    AfterEntry(index, gate, now);
                }

                break;
            case ScanReason.WrongGate:
                _wrongGates++;
                _wrongGateTally.Add(now);

                // The steward sends them to the gate printed on the ticket, a walk round the stadium away.
                Enqueue(now + (_fanRng.Next(3 * 60, (10 * 60) + 1) * Second), new IngressEvent(EventKind.Arrive, _gateOf[index], presenter, index, token, false));
                break;
            case ScanReason.Duplicate:
                _duplicates++;
                _duplicateTally.Add(now);
                break;
            case ScanReason.WrongMatch:
                _wrongMatches++;
                _wrongMatchTally.Add(now);
                break;
            case ScanReason.OutsideValidity:
                _outsideValidity++;
                break;
        }
    }

    // What TicketValidator answers for a genuine token entering (docs/tickets.md gives the order of the checks).
    private ScanReason Expect(IssuedTicket ticket, int gate, long now, bool servesZone, bool inside)
    {
        if (ticket.MatchId != _match.Id)
        {
            return ScanReason.WrongMatch;
        }

        var second = _originUnixSeconds + (now / Second);
        if (second < ticket.ValidFrom.ToUnixTimeSeconds() || second > ticket.ValidTo.ToUnixTimeSeconds())
        {
            return ScanReason.OutsideValidity;
        }

        if (_gates[gate].Id != ticket.GateId && !servesZone)
        {
            return ScanReason.WrongGate;
        }

        return inside ? ScanReason.Duplicate : ScanReason.Entered;
    }

    // Once a holder is in, a few have their ticket copied for someone else, and a few go out for a while.
    private void AfterEntry(int ticket, int gate, long now)
    {
        var zone = _zoneOf[ticket];
        if ((_flags[ticket] & CopyPlannedFlag) == 0 && _fanRng.Chance(_options.DuplicateShare))
        {
            _flags[ticket] |= CopyPlannedFlag;
            var copyGate = TryPick(_gatesServing[zone], g => g != gate, -1, out var other) ? other : gate;
            Enqueue(now + (_fanRng.Next(2 * 60, (40 * 60) + 1) * Second), new IngressEvent(EventKind.Arrive, copyGate, Presenter.Copy, ticket, _tickets[ticket].Token, false));
        }

        if ((_flags[ticket] & ExitPlannedFlag) == 0 && _fanRng.Chance(_options.ReentryShare))
        {
            var exitAt = now + (_fanRng.Next(10 * 60, (60 * 60) + 1) * Second);
            if (exitAt < _kickOff - (5 * Minute))
            {
                _flags[ticket] |= ExitPlannedFlag;
                Enqueue(exitAt, new IngressEvent(EventKind.Exit, gate, Presenter.Holder, ticket, null, true));
            }
        }
    }

    private void EmitExit(long now, int gate, int ticket, bool temporary)
    {
        // Leaving is never refused for the gate, but a failing gate's readers record nothing: use another of the stand's.
        if (InOutage(gate, now) && TryPick(_gatesServing[_zoneOf[ticket]], g => g != gate, now, out var other))
        {
            gate = other;
        }

        WriteScan(now, gate, _tickets[ticket].Token!, "out");
        if ((_flags[ticket] & InsideFlag) == 0)
        {
            _duplicates++;
            _duplicateTally.Add(now);
            return;
        }

        _exited++;
        _flags[ticket] &= unchecked((byte)~InsideFlag);
        _insideByZone[_zoneOf[ticket]]--;
        (temporary ? _reentryTally : _egressTally).Add(now);
        if (temporary)
        {
            Enqueue(now + (_fanRng.Next(5 * 60, (20 * 60) + 1) * Second), new IngressEvent(EventKind.Arrive, _gateOf[ticket], Presenter.Holder, ticket, _tickets[ticket].Token, false));
        }
    }

    // Ten minutes before the final whistle the first leave; most go in the quarter hour after it, the rest over the next
    // 25 minutes. Everyone inside then leaves once, in an order drawn afresh.
    private void StartEgress(long now)
    {
        long inside = 0;
        foreach (var flags in _flags)
        {
            inside += flags & InsideFlag;
        }

        Shuffle(_order, 0, _order.Length, _egressRng);
        _egressCursor = 0;
        double[] perMinute = [.. Enumerable.Repeat(0.5, 10), .. Enumerable.Repeat(70.0 / 15, 15), .. Enumerable.Repeat(1.0, 25)];
        var curve = Operations.Crowd.ArrivalCurve.FromBuckets(At(now), TimeSpan.FromMinutes(1), perMinute);
        AddSource(SourceKind.Egress, curve, now, now + (perMinute.Length * Minute), (int)inside);
    }

    private void NextEgressExit(long now)
    {
        while (_egressCursor < _order.Length)
        {
            var ticket = _order[_egressCursor++];
            if ((_flags[ticket] & InsideFlag) != 0)
            {
                var zone = _zoneOf[ticket];
                var gate = _egressRng.Chance(0.7) || _gatesServing[zone].Length == 0 ? _gateOf[ticket] : _egressRng.Pick(_gatesServing[zone]);
                EmitExit(now, gate, ticket, temporary: false);
                return;
            }
        }
    }

    private void Entered(int zone, long now)
    {
        var inside = ++_insideByZone[zone];
        if (zone != _pressuredZone)
        {
            return;
        }

        _peak = Math.Max(_peak, inside);

        // The same whole-number test as the zone alert: 90% reached when inside × 100 ≥ 90 × safe capacity.
        if (_reachesNinety is null && inside * 100 >= 90L * _zones[zone].SafeCapacity)
        {
            _reachesNinety = now;
        }
    }

    private bool InOutage(int gate, long now) => gate == _failGate && now >= _failStart && now < _failEnd;

    // A random gate of `gates` that passes `allowed` and is not failing at `now` (-1: do not check).
    private bool TryPick(int[] gates, Func<int, bool> allowed, long now, out int gate)
    {
        var eligible = 0;
        foreach (var g in gates)
        {
            if (allowed(g) && (now < 0 || !InOutage(g, now)))
            {
                eligible++;
            }
        }

        gate = -1;
        if (eligible == 0)
        {
            return false;
        }

        var pick = _gateRng.Next(eligible);
        foreach (var g in gates)
        {
            if (allowed(g) && (now < 0 || !InOutage(g, now)) && pick-- == 0)
            {
                gate = g;
                break;
            }
        }

        return true;
    }

    private void WriteScan(long now, int gate, string token, string direction)
    {
        var w = _writer;
        w.Write("{\"time\":");
        w.WriteIsoMillisTime(now * 1000);
        w.Write(",\"gate\":");
        w.WriteJson(_gates[gate].Id);
        w.Write(",\"token\":");
        w.WriteJson(token);
        w.Write(",\"direction\":\"");
        w.Write(direction);
        w.Write("\"}");
        w.EndLine();
    }

    /// <summary>How many scans of one kind, and the first and last.</summary>
    private sealed class Tally
    {
        public long Count { get; private set; }

        public long First { get; private set; }

        public long Last { get; private set; }

        public void Add(long at)
        {
            if (Count++ == 0)
            {
                First = at;
            }

            Last = at;
        }
    }
}
