using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Detection.Correlation;

/// <summary>Evaluates correlation rules over the matches of their referenced rules, in event time.</summary>
/// <remarks>
/// Not thread-safe: one engine follows one ordered stream. Event time, not the wall clock, drives every window, so a
/// replayed file gives the alerts the live stream gave. Events without a time cannot be placed in a window and are
/// counted in <see cref="UntimedEvents"/> instead. Idle groups are evicted once event time has moved a timespan past
/// them.
/// </remarks>
public sealed class CorrelationEngine
{
    private readonly List<CorrelationTracker> _trackers = [];

    // By referenced rule (a SigmaRule or a CorrelationRule): one lookup a match answers both whether the rule is
    // silenced and who counts it.
    private readonly Dictionary<object, Listeners> _listeners = new(ReferenceEqualityComparer.Instance);
    private readonly List<Alert> _emitted = [];
    private readonly Dictionary<string, CorrelationRule> _byId = new(StringComparer.Ordinal);
    private long _watermark = long.MinValue;

    /// <summary>Creates an engine for <paramref name="correlations"/> (resolved, as a rule load returns them).</summary>
    public CorrelationEngine(IReadOnlyList<CorrelationRule> correlations)
    {
        Correlations = correlations;
        var lists = new Dictionary<object, List<(CorrelationTracker Tracker, int Index)>>(ReferenceEqualityComparer.Instance);
        var generated = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var correlation in correlations)
        {
            var tracker = CreateTracker(correlation);
            _trackers.Add(tracker);
            _byId.TryAdd(correlation.Id, correlation);

            // Listeners of one referenced rule run from its last position to its first, so a rule listed twice in a
            // temporal_ordered chain cannot complete two steps with one event.
            for (var i = correlation.Referenced.Count - 1; i >= 0; i--)
            {
                var reference = correlation.Referenced[i];
                if (!lists.TryGetValue(reference, out var list))
                {
                    lists[reference] = list = [];
                }

                list.Add((tracker, i));
                if (correlation.Generate)
                {
                    generated.Add(reference);
                }
            }
        }

        // A rule is silenced when every correlation that references it is generate: false.
        foreach (var (reference, list) in lists)
        {
            _listeners[reference] = new Listeners([.. list], Silenced: !generated.Contains(reference));
        }
    }

    /// <summary>The correlation rules this engine evaluates.</summary>
    public IReadOnlyList<CorrelationRule> Correlations { get; }

    /// <summary>Matches that could not be placed in time because their event had no timestamp.</summary>
    public long UntimedEvents { get; private set; }

    /// <summary>How many groups hold state across all correlations.</summary>
    public int GroupCount => _trackers.Sum(t => t.GroupCount);

    /// <summary>Whether <paramref name="rule"/> counts only for correlations (<c>generate: false</c>) and raises no alert of its own.</summary>
    public bool IsSilenced(SigmaRule rule) => _listeners.TryGetValue(rule, out var listeners) && listeners.Silenced;

    /// <summary>Moves event time forward; windows that ended are decided and their alerts appended.</summary>
    public void Advance(DateTimeOffset time, List<Alert> output)
    {
        var ticks = time.UtcTicks;
        if (ticks <= _watermark)
        {
            return;
        }

        _watermark = ticks;
        foreach (var tracker in _trackers)
        {
            tracker.Advance(ticks, _emitted);
        }

        Publish(output);
    }

    /// <summary>Records that <paramref name="rule"/> matched <paramref name="evt"/>; correlation alerts that completes are appended.</summary>
    public void Observe(SigmaRule rule, LogEvent evt, List<Alert> output)
    {
        if (_listeners.TryGetValue(rule, out var listeners))
        {
            Observe(listeners, evt, output);
        }
    }

    /// <summary>Who counts the matches of <paramref name="rule"/>; null when no correlation references it.</summary>
    internal Listeners? ListenersOf(SigmaRule rule) => _listeners.TryGetValue(rule, out var listeners) ? listeners : null;

    /// <summary>Records a match of the rule <paramref name="listeners"/> belong to, as <see cref="Observe(SigmaRule, LogEvent, List{Alert})"/> does.</summary>
    internal void Observe(Listeners listeners, LogEvent evt, List<Alert> output)
    {
        if (evt.Timestamp is not { } time)
        {
            UntimedEvents++;
            return;
        }

        foreach (var (tracker, index) in listeners.Items)
        {
            tracker.Observe(index, evt, time.UtcTicks, _emitted);
        }

        Publish(output);
    }

    /// <summary>The input ended: decides every open window.</summary>
    public void Flush(List<Alert> output)
    {
        foreach (var tracker in _trackers)
        {
            tracker.Flush(_emitted);
        }

        Publish(output);
    }

    private static CorrelationTracker CreateTracker(CorrelationRule rule) => rule.Type switch
    {
        CorrelationType.EventCount when rule.Condition.IsThreshold => new EventCountTracker(rule),
        CorrelationType.ValueCount when rule.Condition.IsThreshold => new ValueCountTracker(rule),
        CorrelationType.Temporal => new TemporalTracker(rule),
        CorrelationType.TemporalOrdered => new TemporalOrderedTracker(rule),
        _ => new WindowTracker(rule),
    };

    // Correlation alerts go out unless an outer correlation counts them silently; chained correlations see them as
    // events carrying the group-by values.
    private void Publish(List<Alert> output)
    {
        for (var i = 0; i < _emitted.Count; i++)
        {
            var alert = _emitted[i];
            var correlation = _byId[alert.RuleId];
            var chained = _listeners.TryGetValue(correlation, out var listeners);
            if (!chained || !listeners!.Silenced)
            {
                output.Add(alert);
            }

            if (chained)
            {
                var evt = AsEvent(alert);
                foreach (var (tracker, index) in listeners!.Items)
                {
                    tracker.Observe(index, evt, evt.Timestamp!.Value.UtcTicks, _emitted);
                }
            }
        }

        _emitted.Clear();
    }

    private static LogEvent AsEvent(Alert alert)
    {
        var evt = new LogEvent
        {
            Timestamp = alert.Timestamp,
            SourceName = alert.SourceFile,
            LineNumber = alert.SourceLine,
        };
        foreach (var (name, value) in alert.Group ?? [])
        {
            evt.Add(FieldRegistry.GetOrAdd(name), value ?? string.Empty, value is null ? FieldValueKind.Null : FieldValueKind.String);
        }

        return evt;
    }

    /// <summary>The correlations that count one referenced rule, and whether that rule raises alerts of its own.</summary>
    internal sealed record Listeners((CorrelationTracker Tracker, int Index)[] Items, bool Silenced);
}
