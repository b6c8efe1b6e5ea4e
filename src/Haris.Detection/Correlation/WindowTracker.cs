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
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
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
        foreach (var (key, window) in _windows.OrderBy(w => w.Value.First).ThenBy(w => w.Key, StringComparer.Ordinal))
        {
            Close(key, window, output);
        }

        _windows.Clear();
    }

    protected override void Observe(string key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output)
    {
        if (_windows.TryGetValue(key, out var window) && ticks > window.First + SpanTicks)
        {
            Close(key, window, output);
            window = null;
        }

        if (window is null)
        {
            _windows[key] = window = new Window(ticks);
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
        List<string>? over = null;
        foreach (var (key, window) in _windows)
        {
            if (window.First < horizon)
            {
                (over ??= []).Add(key);
            }
        }

        if (over is null)
        {
            return;
        }

        over.Sort((a, b) => _windows[a].First != _windows[b].First ? _windows[a].First.CompareTo(_windows[b].First) : string.CompareOrdinal(a, b));
        foreach (var key in over)
        {
            Close(key, _windows[key], output);
            _windows.Remove(key);
        }
    }

    private void Close(string key, Window window, List<Alert> output)
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
        output.Add(CreateAlert(key, null, count, value, window.First, window.Last, window.Lines));
    }

    private sealed class Window(long first)
    {
        public long First { get; } = first;

        public long Last { get; set; } = first;

        public long Count { get; set; }

        public double Sum { get; set; }

        public long Numbers { get; set; }

        public HashSet<string> Distinct { get; } = new(StringComparer.Ordinal);

        public List<AlertLine> Lines { get; } = [];
    }
}
