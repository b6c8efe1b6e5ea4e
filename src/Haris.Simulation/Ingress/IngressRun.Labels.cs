namespace Haris.Simulation.Ingress;

internal sealed partial class IngressRun
{
    /// <summary>What the run injected, in order of start; valid once <see cref="Run"/> has returned.</summary>
    public IReadOnlyList<IngressLabel> Labels()
    {
        var labels = new List<IngressLabel>();
        if (_ingressTally.Count > 0)
        {
            labels.Add(Observed(IngressLabelKinds.Ingress, _ingressTally) with { Tickets = _tickets.Count, Fans = _mainCount + _lateCount });
        }

        labels.Add(new IngressLabel(IngressLabelKinds.GateFailure, _gates[_failGate].Id, null, At(_failStart), At(_failEnd), 0) { Fans = _held });
        labels.Add(new IngressLabel(IngressLabelKinds.CounterfeitWave, _gates[_waveGate].Id, null, At(_waveStart), At(_waveEnd), _waveTally.Count));
        if (_pressuredZone >= 0)
        {
            labels.Add(new IngressLabel(IngressLabelKinds.ZonePressure, null, _zones[_pressuredZone].Id, At(_pressureStart), At(_kickOff), 0)
            {
                Tickets = _zoneOf.Count(z => z == _pressuredZone),
                Fans = _lateCount,
                SafeCapacity = _zones[_pressuredZone].SafeCapacity,
                Peak = _peak,
                ReachesNinetyAt = _reachesNinety is { } at ? At(at) : null,
            });
        }

        AddObserved(labels, IngressLabelKinds.CounterfeitScattered, _scatteredTally);
        AddObserved(labels, IngressLabelKinds.WrongGate, _wrongGateTally);
        AddObserved(labels, IngressLabelKinds.Duplicate, _duplicateTally);
        AddObserved(labels, IngressLabelKinds.WrongMatch, _wrongMatchTally);
        AddObserved(labels, IngressLabelKinds.Reentry, _reentryTally);
        if (_egressTally.Count > 0)
        {
            labels.Add(new IngressLabel(IngressLabelKinds.Egress, null, null, At(_whistle), At(_egressTally.Last), _egressTally.Count));
        }

        // Stable: labels starting together keep the order above.
        return [.. labels.OrderBy(l => l.Start)];
    }

    private void AddObserved(List<IngressLabel> labels, string kind, Tally tally)
    {
        if (tally.Count > 0)
        {
            labels.Add(Observed(kind, tally));
        }
    }

    private IngressLabel Observed(string kind, Tally tally) => new(kind, null, null, At(tally.First), At(tally.Last), tally.Count);
}
