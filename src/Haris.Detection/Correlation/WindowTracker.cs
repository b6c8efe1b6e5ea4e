using System.Globalization;
using Haris.Core.Alerts;
using Haris.Core.Events;

namespace Haris.Detection.Correlation;

/// <summary>
/// Conditions that can only be decided once a window is over (an upper bound, <c>eq</c>, <c>neq</c>, a range) and
/// <c>value_sum</c>/<c>value_avg</c>: each group's window starts at its first event and lasts the timespan; when event
/// time passes its end (or the input ends) the measured value is compared with the condition.
/// </summary>
/// <remarks>
/// A group keeps a count, a sum, the first 100 input lines and, for <c>value_count</c>, at most one distinct value more
/// than the largest bound (past it the condition's answer cannot change).
/// </remarks>
internal sealed class WindowTracker : CorrelationTracker
{
    private readonly Dictionary<ulong, Window> _windows = new();
    private readonly int _distinctCap;

    public WindowTracker(CorrelationRule rule)
        : base(rule)
    {
        var c = rule.Condition;
        var largest = new[] { c.Gt, c.Gte, c.Lt, c.Lte, c.Eq, c.Neq }.Where(b => b is not null).Max(b => b!.Value);
        _distinctCap = (int)Math.Clamp(Math.Floor(largest) + 2, 1, 1_000_000);
    }

    public override int GroupCount => _windows.Count;

    public override void Flush(List<Alert> output)
    {
        foreach (var window in _windows.Values.OrderBy(w => w.First).ThenBy(w => w.SortKey, StringComparer.Ordinal))
        {
            Close(window, output);
        }

        _windows.Clear();
    }

    protected override void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        if (_windows.TryGetValue(key, out var window) && ticks > window.First + SpanTicks)
        {
            Close(window, output);
            window = null;
        }

        if (window is null)
        {
            _windows[key] = window = new Window(ticks, GroupOf(evt, referenceIndex));
        }

        switch (Rule.Type)
        {
            case CorrelationType.ValueCount:
                if (ValueOf(evt, referenceIndex) is not { } value)
                {
                    return;
                }

                if (window.Distinct.Count < _distinctCap)
                {
                    window.Distinct.Add(value);
                }

                break;
            case CorrelationType.ValueSum or CorrelationType.ValueAvg:
                // Values that are not numbers add nothing to a sum or a mean.
                if (ValueOf(evt, referenceIndex) is not { } text
                    || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    || !double.IsFinite(number))
                {
                    return;
                }

                window.Sum += number;
                window.Numbers++;
                break;
        }

        window.Count++;
        window.Last = Math.Max(window.Last, ticks);
        if (window.Lines.Count < Alert.MaxLines)
        {
            window.Lines.Add(line);
        }
    }

    protected override void Sweep(long horizon, List<Alert> output)
    {
        List<Window>? over = null;
        foreach (var (key, window) in _windows)
        {
            if (window.First < horizon)
            {
                (over ??= []).Add(window);
                _windows.Remove(key);
            }
        }

        if (over is null)
        {
            return;
        }

        over.Sort(static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : string.CompareOrdinal(a.SortKey, b.SortKey));
        foreach (var window in over)
        {
            Close(window, output);
        }
    }

    private void Close(Window window, List<Alert> output)
    {
        double measured = Rule.Type switch
        {
            CorrelationType.ValueCount => window.Distinct.Count,
            CorrelationType.ValueSum => window.Sum,
            CorrelationType.ValueAvg => window.Numbers == 0 ? double.NaN : window.Sum / window.Numbers,
            _ => window.Count,
        };

        if (window.Count == 0 || double.IsNaN(measured) || !Rule.Condition.IsSatisfiedBy(measured))
        {
            return;
        }

        var count = Rule.Type == CorrelationType.ValueCount ? window.Distinct.Count : window.Count;
        double? value = Rule.Type is CorrelationType.ValueSum or CorrelationType.ValueAvg ? measured : null;
        output.Add(CreateAlert(window.Group, null, count, value, window.First, window.Last, window.Lines));
    }

    private sealed class Window(long first, List<KeyValuePair<string, string?>> group)
    {
        public long First { get; } = first;

        /// <summary>The group values, read from the event that opened the window.</summary>
        public List<KeyValuePair<string, string?>> Group { get; } = group;

        /// <summary>Orders windows that close at once, so their alerts come out in the same order on every run.</summary>
        public string SortKey { get; } = string.Join('\u001f', group.Select(g => g.Value ?? string.Empty));

        public long Last { get; set; } = first;

        public long Count { get; set; }

        public double Sum { get; set; }

        public long Numbers { get; set; }

        public HashSet<string> Distinct { get; } = new(StringComparer.Ordinal);

        public List<AlertLine> Lines { get; } = [];
    }
}
