using Haris.Core.Alerts;
using Haris.Core.Events;

namespace Haris.Detection.Correlation;

/// <summary>
/// <c>event_count</c> with only a lower bound: alerts on the event that brings the count in a sliding window of the
/// timespan up to the bound. Exact: the group keeps the times of its last N events (N the smallest count that
/// satisfies the condition), so the memory of a group is bounded by the condition, not by the traffic.
/// </summary>
internal sealed class EventCountTracker(CorrelationRule rule) : CorrelationTracker(rule)
{
    private readonly int _needed = (int)Math.Clamp(rule.Condition.MinimumCount, 1, 1_000_000);
    private readonly Dictionary<ulong, Group> _groups = new();

    public override int GroupCount => _groups.Count;

    public override void Flush(List<Alert> output) => _groups.Clear();

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new Group(_needed);
        }

        // Out-of-order lines count at the latest time the group has seen, so the ring stays sorted.
        ticks = Math.Max(ticks, group.Last);
        group.Add(ticks, line);
        if (group.Count == _needed && ticks - group.Oldest <= SpanTicks)
        {
            output.Add(CreateAlert(GroupOf(evt, referenceIndex), evt, _needed, null, group.Oldest, ticks, group.Lines()));
            group.Clear();
        }
    }

    protected override void Sweep(long horizon, List<Alert> output) =>
        RemoveWhere(_groups, static (group, h) => group.Last < h, horizon);

    /// <summary>The group's last N event times, and the input lines of the last 100 of them.</summary>
    /// <remarks>Both rings start small and grow as events come, so the many groups that see a few events stay small.</remarks>
    private sealed class Group(int capacity)
    {
        private readonly GrowingRing<long> _times = new(capacity);
        private readonly GrowingRing<AlertLine> _lines = new(Math.Min(capacity, Alert.MaxLines));

        public int Count => _times.Count;

        public long Last { get; private set; } = long.MinValue;

        public long Oldest => _times[0];

        public void Add(long ticks, AlertLine line)
        {
            _times.Add(ticks);
            _lines.Add(line);
            Last = ticks;
        }

        public List<AlertLine> Lines()
        {
            var result = new List<AlertLine>(_lines.Count);
            for (var i = 0; i < _lines.Count; i++)
            {
                result.Add(_lines[i]);
            }

            return result;
        }

        public void Clear()
        {
            _times.Clear();
            _lines.Clear();
        }
    }
}

/// <summary>A ring that keeps the last <c>capacity</c> items, growing by doubling up to that size.</summary>
internal sealed class GrowingRing<T>(int capacity)
{
    private const int InitialSize = 4;

    private T[] _items = new T[Math.Min(capacity, InitialSize)];
    private int _start;

    public int Count { get; private set; }

    /// <summary>The item <paramref name="index"/> places after the oldest one kept.</summary>
    public T this[int index] => _items[(_start + index) % _items.Length];

    public void Add(T item)
    {
        if (Count == _items.Length && Count < capacity)
        {
            var grown = new T[Math.Min(capacity, _items.Length * 2)];
            for (var i = 0; i < Count; i++)
            {
                grown[i] = this[i];
            }

            _items = grown;
            _start = 0;
        }

        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
        }
        else
        {
            // Full at capacity: the oldest item gives way.
            _items[_start] = item;
            _start = (_start + 1) % _items.Length;
        }
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }
}

/// <summary>
/// <c>value_count</c> with only a lower bound: distinct values seen in a sliding window of the timespan; alerts when
/// they reach the bound. Each group keeps at most N values (N the smallest count that satisfies the condition) with the
/// time each was last seen.
/// </summary>
internal sealed class ValueCountTracker(CorrelationRule rule) : CorrelationTracker(rule)
{
    private readonly int _needed = (int)Math.Clamp(rule.Condition.MinimumCount, 1, 1_000_000);
    private readonly Dictionary<ulong, Group> _groups = new();

    public override int GroupCount => _groups.Count;

    public override void Flush(List<Alert> output) => _groups.Clear();

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        // An event without the counted field adds no value.
        if (ValueOf(evt, referenceIndex) is not { } value)
        {
            return;
        }

        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new Group();
        }

        ticks = Math.Max(ticks, group.Last);
        group.Last = ticks;
        group.Values[value] = (ticks, line);
        if (group.Values.Count < _needed)
        {
            return;
        }

        group.Expire(ticks - SpanTicks);
        if (group.Values.Count >= _needed)
        {
            var seen = group.Values.Values.OrderBy(v => v.Ticks).ThenBy(v => v.Line.Line).ToList();
            output.Add(CreateAlert(GroupOf(evt, referenceIndex), evt, seen.Count, null, seen[0].Ticks, ticks, [.. seen.Select(v => v.Line)]));
            group.Values.Clear();
        }
    }

    protected override void Sweep(long horizon, List<Alert> output) =>
        RemoveWhere(_groups, static (group, h) => group.Last < h, horizon);

    private sealed class Group
    {
        public Dictionary<string, (long Ticks, AlertLine Line)> Values { get; } = new(StringComparer.Ordinal);

        public long Last { get; set; } = long.MinValue;

        public void Expire(long horizon)
        {
            foreach (var (value, seen) in Values)
            {
                if (seen.Ticks < horizon)
                {
                    Values.Remove(value);
                }
            }
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
