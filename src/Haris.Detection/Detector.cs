using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Haris.Core.Events;
using Haris.Detection.Prefiltering;
using Haris.Detection.Sigma;

namespace Haris.Detection;

/// <summary>Settings of a <see cref="Detector"/>.</summary>
public sealed class DetectorOptions
{
    /// <summary>How many regular-expression timeouts are kept with their rule and input position for the report.</summary>
    public int MaxTimeoutReports { get; init; } = 20;

    /// <summary>Whether rules whose required texts are absent from an event are skipped (on by default).</summary>
    /// <remarks>Skipping never changes the result; turning it off exists to prove that, and to measure what it saves.</remarks>
    public bool UsePrefilter { get; init; } = true;
}

/// <summary>A regular expression of a rule that ran past its timeout on one event; the rule counted as not matching it.</summary>
public sealed record RegexTimeoutReport(string RuleId, string RuleTitle, string? SourceName, long Line);

/// <summary>Evaluates a fixed set of single-event Sigma rules against events.</summary>
/// <remarks>
/// Thread-safe: rules are immutable once compiled and per-evaluation scratch is per thread. Each event is offered only
/// to the rules whose logsource accepts it; that selection is computed once per distinct event logsource.
/// </remarks>
public sealed class Detector
{
    [ThreadStatic]
    private static byte[]? s_scratch;

    [ThreadStatic]
    private static bool[]? s_active;

    private readonly SigmaRule[] _rules;
    private readonly ConcurrentDictionary<Logsource, Route> _routes = new();

    // Parsers hand out the same Logsource instance for every event of a kind, so the last route is found by reference
    // without hashing three strings per event.
    private Route? _lastRoute;
    private readonly DetectorOptions _options;
    private readonly int _scratchSize;
    private readonly Lock _reportGate = new();
    private readonly List<RegexTimeoutReport> _timeouts = [];
    private long _timeoutCount;

    /// <summary>Creates a detector over <paramref name="rules"/>.</summary>
    public Detector(IEnumerable<SigmaRule> rules, DetectorOptions? options = null)
    {
        _rules = [.. rules];
        _options = options ?? new DetectorOptions();
        _scratchSize = _rules.Length == 0 ? 1 : _rules.Max(r => r.ScratchSize);
    }

    /// <summary>The rules this detector evaluates.</summary>
    public IReadOnlyList<SigmaRule> Rules => _rules;

    /// <summary>How many times a regular expression ran past its timeout.</summary>
    public long RegexTimeoutCount => Interlocked.Read(ref _timeoutCount);

    /// <summary>The first timeouts, with rule and input position.</summary>
    public IReadOnlyList<RegexTimeoutReport> RegexTimeouts
    {
        get
        {
            lock (_reportGate)
            {
                return [.. _timeouts];
            }
        }
    }

    /// <summary>The rules that are offered events of <paramref name="logsource"/>.</summary>
    public IReadOnlyList<SigmaRule> RulesFor(Logsource logsource) => RouteOf(logsource).Rules;

    /// <summary>Evaluates <paramref name="evt"/> and appends every rule that matches it to <paramref name="matches"/>.</summary>
    public void Evaluate(LogEvent evt, List<SigmaRule> matches)
    {
        var route = RouteOf(evt.Logsource);
        var rules = route.Rules;
        var scratch = s_scratch;
        if (scratch is null || scratch.Length < _scratchSize)
        {
            s_scratch = scratch = new byte[Math.Max(_scratchSize, 64)];
        }

        var active = s_active;
        if (active is null || active.Length < rules.Length)
        {
            s_active = active = new bool[Math.Max(rules.Length, 64)];
        }

        if (route.Prefilter is { } prefilter)
        {
            prefilter.Activate(evt, active);
        }
        else
        {
            active.AsSpan(0, rules.Length).Fill(true);
        }

        for (var i = 0; i < rules.Length; i++)
        {
            if (!active[i])
            {
                continue;
            }

            var rule = rules[i];
            try
            {
                if (rule.Matches(evt, scratch))
                {
                    matches.Add(rule);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                ReportTimeout(rule, evt);
            }
        }
    }

    private Route RouteOf(Logsource logsource)
    {
        var last = Volatile.Read(ref _lastRoute);
        if (last is not null && ReferenceEquals(last.Logsource, logsource))
        {
            return last;
        }

        var route = _routes.GetOrAdd(logsource, static (source, detector) => detector.CreateRoute(source), this);
        Volatile.Write(ref _lastRoute, route);
        return route;
    }

    private Route CreateRoute(Logsource logsource)
    {
        var rules = Array.FindAll(_rules, r => r.Logsource.Accepts(logsource));
        return new Route(logsource, rules, _options.UsePrefilter ? new RulePrefilter(rules) : null);
    }

    private void ReportTimeout(SigmaRule rule, LogEvent evt)
    {
        Interlocked.Increment(ref _timeoutCount);
        lock (_reportGate)
        {
            if (_timeouts.Count < _options.MaxTimeoutReports)
            {
                _timeouts.Add(new RegexTimeoutReport(rule.Id, rule.Title, evt.SourceName, evt.LineNumber));
            }
        }
    }
}

/// <summary>The rules offered events of one logsource, and the prefilter over them.</summary>
internal sealed record Route(Logsource Logsource, SigmaRule[] Rules, RulePrefilter? Prefilter);

