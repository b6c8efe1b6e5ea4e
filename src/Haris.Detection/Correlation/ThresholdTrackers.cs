using Haris.Core.Alerts;
using Haris.Core.Events;

namespace Haris.Detection.Correlation;

/// <summary>
/// <c>event_count</c> with only a lower bound: alerts on the event that brings the count in a sliding window of the
/// timespan up to the bound. Exact: the group keeps the times of its last N events (N the smallest count that
/// satisfies the condition), so the memory of a group is bounded by the condition, not by the traffic.
/// </summary>
/// <remarks>
/// A group that has seen one event holds it inline in its table entry (48 bytes); from the second event on, its
/// events move to a ring of (time, line) pairs that doubles up to N and is released when the group alerts or goes
/// idle. Floods from many distinct sources, each seen once, thus cost one table entry per source.
/// </remarks>
internal sealed class EventCountTracker(CorrelationRule rule) : CorrelationTracker(rule)
{
    private const int InitialRing = 4;

    private readonly int _needed = (int)Math.Clamp(rule.Condition.MinimumCount, 1, 1_000_000);
    private readonly GroupTable<State> _groups = new();
    private readonly OverflowPool<long[]> _rings = new(static ring => ring.Length);

    public override int GroupCount => _groups.Count;

    public override void Flush(List<Alert> output)
    {
        var release = new Release(_rings);
        _groups.Clear(ref release);
    }

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        ref var group = ref _groups.GetOrAdd(key, out var added);
        if (added)
        {
            group.Last = long.MinValue;
        }

        // Out-of-order lines count at the latest time the group has seen, so the ring stays sorted.
        ticks = Math.Max(ticks, group.Last);
        group.Last = ticks;
        var oldest = Add(ref group, ticks, PackLine(line));
        if (group.Count == _needed && ticks - oldest <= SpanTicks)
        {
            output.Add(CreateAlert(GroupOf(evt, referenceIndex), evt, _needed, null, oldest, ticks, Lines(in group)));
            if (group.Ring != 0)
            {
                _rings.Release(group.Ring);
            }

            group.Ring = 0;
            group.Count = 0;
            group.Start = 0;
        }
    }

    protected override void Sweep(long horizon, List<Alert> output)
    {
        var idle = new Idle(_rings, horizon);
        _groups.RemoveWhere(ref idle);
    }

    // Returns the time of the oldest event the group now holds. Ring positions wrap by comparison, not %: a division
    // per event costs more than the rest of the update.
    private long Add(ref State group, long ticks, ulong line)
    {
        if (group.Ring == 0)
        {
            if (group.Count == 0 || _needed == 1)
            {
                group.Time0 = ticks;
                group.Line0 = line;
                group.Count = 1;
                return ticks;
            }

            var size = 2 * Math.Min(_needed, InitialRing);
            var ring = _rings.TakeSpare(size) ?? new long[size];
            ring[0] = group.Time0;
            ring[1] = (long)group.Line0;
            group.Ring = _rings.Add(ring);
            group.Start = 0;
        }

        var items = _rings[group.Ring];
        var capacity = items.Length / 2;
        if (group.Count == capacity && capacity < _needed)
        {
            items = Grow(ref group, items);
            capacity = items.Length / 2;
        }

        int at;
        if (group.Count < capacity)
        {
            at = group.Start + group.Count;
            at -= at >= capacity ? capacity : 0;
            group.Count++;
        }
        else
        {
            // Full at N: the oldest event gives way.
            at = group.Start;
            group.Start = at + 1 == capacity ? 0 : at + 1;
        }

        items[2 * at] = ticks;
        items[(2 * at) + 1] = (long)line;
        return items[2 * group.Start];
    }

    // Doubles a full ring (up to N), its events moved to the front in order.
    private long[] Grow(ref State group, long[] items)
    {
        var capacity = items.Length / 2;
        var size = 2 * Math.Min(_needed, capacity * 2);
        var grown = _rings.TakeSpare(size) ?? new long[size];

        // Full, so its events run from Start to the end and on from the front.
        var head = 2 * (capacity - group.Start);
        Array.Copy(items, 2 * group.Start, grown, 0, head);
        Array.Copy(items, 0, grown, head, 2 * group.Start);
        _rings.Recycle(items);
        _rings[group.Ring] = grown;
        group.Start = 0;
        return grown;
    }

    private List<AlertLine> Lines(in State group)
    {
        if (group.Ring == 0)
        {
            return [UnpackLine(group.Line0)];
        }

        var items = _rings[group.Ring];
        var capacity = items.Length / 2;
        var skip = Math.Max(0, group.Count - Alert.MaxLines);
        var result = new List<AlertLine>(group.Count - skip);
        for (var i = skip; i < group.Count; i++)
        {
            result.Add(UnpackLine((ulong)items[(2 * ((group.Start + i) % capacity)) + 1]));
        }

        return result;
    }

    private struct State
    {
        public long Last;
        public long Time0;
        public ulong Line0;
        public int Count;
        public int Start;
        public int Ring;
    }

    private readonly struct Idle(OverflowPool<long[]> rings, long horizon) : IGroupSweep<State>
    {
        public bool Remove(ref State state)
        {
            if (state.Last >= horizon)
            {
                return false;
            }

            if (state.Ring != 0)
            {
                rings.Release(state.Ring);
            }

            return true;
        }
    }

    private readonly struct Release(OverflowPool<long[]> rings) : IGroupSweep<State>
    {
        public bool Remove(ref State state)
        {
            if (state.Ring != 0)
            {
                rings.Release(state.Ring);
            }

            return true;
        }
    }
}

/// <summary>
/// <c>value_count</c> with only a lower bound: distinct values seen in a sliding window of the timespan; alerts when
/// they reach the bound. Each group keeps at most N values (N the smallest count that satisfies the condition) with the
/// time each was last seen.
/// </summary>
/// <remarks>
/// Values are told apart by a 64-bit hash, as group keys are. A group holding one value keeps it inline in its table
/// entry; from the second distinct value on, its values move to a dictionary that is released when the group alerts
/// or goes idle.
/// </remarks>
internal sealed class ValueCountTracker(CorrelationRule rule) : CorrelationTracker(rule)
{
    private readonly int _needed = (int)Math.Clamp(rule.Condition.MinimumCount, 1, 1_000_000);
    private readonly GroupTable<State> _groups = new();
    private readonly OverflowPool<Dictionary<ulong, (long Ticks, ulong Line)>> _values = new(static _ => 0, static values => values.Clear());

    public override int GroupCount => _groups.Count;

    public override void Flush(List<Alert> output)
    {
        var release = new Release(_values);
        _groups.Clear(ref release);
    }

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        // An event without the counted field adds no value.
        if (!TryHashValue(evt, referenceIndex, out var value))
        {
            return;
        }

        ref var group = ref _groups.GetOrAdd(key, out var added);
        if (added)
        {
            group.Last = long.MinValue;
        }

        ticks = Math.Max(ticks, group.Last);
        group.Last = ticks;
        var packed = PackLine(line);
        if (group.Values == 0 && (group.Count == 0 || group.Value0 == value))
        {
            group.Value0 = value;
            group.Time0 = ticks;
            group.Line0 = packed;
            group.Count = 1;
        }
        else
        {
            if (group.Values == 0)
            {
                var spare = _values.TakeSpare(0) ?? [];
                spare[group.Value0] = (group.Time0, group.Line0);
                group.Values = _values.Add(spare);
            }

            var values = _values[group.Values];
            values[value] = (ticks, packed);
            group.Count = values.Count;
        }

        if (group.Count < _needed)
        {
            return;
        }

        var seen = Expire(ref group, ticks - SpanTicks);
        if (seen.Count >= _needed)
        {
            seen.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Line.Line.CompareTo(b.Line.Line));
            var lines = new List<AlertLine>(seen.Count);
            foreach (var (_, seenLine) in seen)
            {
                lines.Add(seenLine);
            }

            output.Add(CreateAlert(GroupOf(evt, referenceIndex), evt, seen.Count, null, seen[0].Ticks, ticks, lines));
            if (group.Values != 0)
            {
                _values.Release(group.Values);
            }

            group.Values = 0;
            group.Count = 0;
        }
    }

    protected override void Sweep(long horizon, List<Alert> output)
    {
        var idle = new Idle(_values, horizon);
        _groups.RemoveWhere(ref idle);
    }

    // Only reached once the group holds N values, so it may allocate: it runs once per alert candidate.
    private List<(long Ticks, AlertLine Line)> Expire(ref State group, long horizon)
    {
        var seen = new List<(long Ticks, AlertLine Line)>();
        if (group.Values == 0)
        {
            if (group.Time0 >= horizon)
            {
                seen.Add((group.Time0, UnpackLine(group.Line0)));
            }
            else
            {
                group.Count = 0;
            }

            return seen;
        }

        var values = _values[group.Values];
        foreach (var (value, at) in values)
        {
            if (at.Ticks < horizon)
            {
                values.Remove(value);
            }
            else
            {
                seen.Add((at.Ticks, UnpackLine(at.Line)));
            }
        }

        group.Count = values.Count;
        return seen;
    }

    private struct State
    {
        public long Last;
        public ulong Value0;
        public long Time0;
        public ulong Line0;
        public int Count;
        public int Values;
    }

    private readonly struct Idle(OverflowPool<Dictionary<ulong, (long Ticks, ulong Line)>> values, long horizon) : IGroupSweep<State>
    {
        public bool Remove(ref State state)
        {
            if (state.Last >= horizon)
            {
                return false;
            }

            if (state.Values != 0)
            {
                values.Release(state.Values);
            }

            return true;
        }
    }

    private readonly struct Release(OverflowPool<Dictionary<ulong, (long Ticks, ulong Line)>> values) : IGroupSweep<State>
    {
        public bool Remove(ref State state)
        {
            if (state.Values != 0)
            {
                values.Release(state.Values);
            }

            return true;
        }
    }
}

/// <summary>
/// <c>temporal</c>: how many of the referenced rules matched, in any order, within the timespan; alerts when that
/// reaches the condition (by default all of them). A group keeps the last match time of each referenced rule.
/// </summary>
internal sealed class TemporalTracker(CorrelationRule rule) : CorrelationTracker(rule)
{
    private readonly int _needed = (int)Math.Clamp(rule.Condition.MinimumCount, 1, rule.Referenced.Count);
    private readonly Dictionary<ulong, (long Ticks, AlertLine Line)?[]> _groups = new();

    public override int GroupCount => _groups.Count;

    public override void Flush(List<Alert> output) => _groups.Clear();

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        if (!_groups.TryGetValue(key, out var seen))
        {
            _groups[key] = seen = new (long, AlertLine)?[Rule.Referenced.Count];
        }

        seen[referenceIndex] = (ticks, line);
        var horizon = ticks - SpanTicks;
        var inWindow = seen.Where(s => s is { } v && v.Ticks >= horizon).Select(s => s!.Value).OrderBy(s => s.Ticks).ToList();
        if (inWindow.Count >= _needed)
        {
            output.Add(CreateAlert(GroupOf(evt, referenceIndex), evt, inWindow.Count, null, inWindow[0].Ticks, inWindow[^1].Ticks, [.. inWindow.Select(s => s.Line)]));
            _groups.Remove(key);
        }
    }

    protected override void Sweep(long horizon, List<Alert> output) =>
        RemoveWhere(_groups, static (seen, h) => seen.All(s => s is not { } v || v.Ticks < h), horizon);
}

/// <summary>
/// <c>temporal_ordered</c>: the referenced rules matched in the order they are listed, the whole chain within the
/// timespan. Events with equal times count in the order they were read. A group keeps, for each prefix of the list, the
/// latest-starting chain that completes it.
/// </summary>
internal sealed class TemporalOrderedTracker(CorrelationRule rule) : CorrelationTracker(rule)
{
    private readonly int _needed = (int)Math.Clamp(rule.Condition.MinimumCount, 1, rule.Referenced.Count);
    private readonly Dictionary<ulong, Chain?[]> _groups = new();

    public override int GroupCount => _groups.Count;

    public override void Flush(List<Alert> output) => _groups.Clear();

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        if (!_groups.TryGetValue(key, out var prefixes))
        {
            _groups[key] = prefixes = new Chain?[Rule.Referenced.Count];
        }

        Chain? extended = null;
        if (referenceIndex == 0)
        {
            extended = new Chain(ticks, ticks, [line]);
        }
        else if (prefixes[referenceIndex - 1] is { } before && ticks - before.Start <= SpanTicks)
        {
            extended = new Chain(before.Start, ticks, [.. before.Lines, line]);
        }

        if (extended is null)
        {
            return;
        }

        prefixes[referenceIndex] = extended;
        if (referenceIndex + 1 >= _needed)
        {
            output.Add(CreateAlert(GroupOf(evt, referenceIndex), evt, referenceIndex + 1, null, extended.Start, ticks, extended.Lines));
            _groups.Remove(key);
        }
    }

    protected override void Sweep(long horizon, List<Alert> output) =>
        RemoveWhere(_groups, static (prefixes, h) => prefixes.All(p => p is null || p.Last < h), horizon);

    private sealed record Chain(long Start, long Last, AlertLine[] Lines);
}
