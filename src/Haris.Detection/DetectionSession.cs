using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection.Correlation;
using Haris.Detection.Sigma;

namespace Haris.Detection;

/// <summary>
/// Runs detection over one ordered stream of events: single-event rules, then the correlations that count their
/// matches. One session per stream (it keeps correlation state); the <see cref="Detector"/> may be shared.
/// </summary>
public sealed class DetectionSession
{
    private readonly Detector _detector;
    private readonly CorrelationEngine _correlations;
    private readonly List<SigmaRule> _matches = new(8);

    /// <summary>Creates a session over <paramref name="detector"/>'s rules and <paramref name="correlations"/>.</summary>
    public DetectionSession(Detector detector, IReadOnlyList<CorrelationRule> correlations)
    {
        _detector = detector;
        _correlations = new CorrelationEngine(correlations);
    }

    /// <summary>The detector whose rules this session evaluates.</summary>
    public Detector Detector => _detector;

    /// <summary>The correlation state of this session.</summary>
    public CorrelationEngine Correlations => _correlations;

    /// <summary>Evaluates one event (its time already resolved) and appends the alerts it raises, in a stable order.</summary>
    public void Process(LogEvent evt, List<Alert> alerts)
    {
        _matches.Clear();
        _detector.Evaluate(evt, _matches);
        Apply(evt, _matches, alerts);
    }

    /// <summary>
    /// Takes an event whose single-event rules were already evaluated (<paramref name="matches"/>, from
    /// <see cref="Detector.Evaluate"/>, possibly on another thread) and appends the alerts it raises. Events must be
    /// applied in input order; the result is then the same as <see cref="Process"/>'s.
    /// </summary>
    public void Apply(LogEvent evt, IReadOnlyList<SigmaRule> matches, List<Alert> alerts)
    {
        if (evt.Timestamp is { } time)
        {
            _correlations.Advance(time, alerts);
        }

        for (var i = 0; i < matches.Count; i++)
        {
            var rule = matches[i];
            var listeners = _correlations.ListenersOf(rule);
            if (listeners is not { Silenced: true })
            {
                alerts.Add(AlertFactory.Create(rule, evt));
            }

            if (listeners is not null)
            {
                _correlations.Observe(listeners, evt, alerts);
            }
        }
    }

    /// <summary>The stream ended: appends the alerts of windows that were still open.</summary>
    public void Complete(List<Alert> alerts) => _correlations.Flush(alerts);
}
