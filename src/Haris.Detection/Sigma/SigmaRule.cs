using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection.Sigma.Matching;

namespace Haris.Detection.Sigma;

/// <summary>A loaded, compiled Sigma detection rule: its metadata and an immutable matcher.</summary>
public sealed class SigmaRule
{
    private readonly CompiledDetection _detection;
    private SigmaFilter[] _filters = [];

    internal SigmaRule(CompiledDetection detection) => _detection = detection;

    /// <summary>The rule's <c>id</c>; when the rule has none, its <c>name</c> or a value derived from its file and title.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The Sigma <c>name</c>, which correlation rules and filters refer to.</summary>
    public string? Name { get; init; }

    public string? Author { get; init; }

    /// <summary>The rule's level; <c>medium</c> when the rule states none.</summary>
    public AlertLevel Level { get; init; } = AlertLevel.Medium;

    public string? Status { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<string> FalsePositives { get; init; } = [];

    /// <summary>Which events the rule is offered (see <see cref="Logsource.Accepts"/>).</summary>
    public required Logsource Logsource { get; init; }

    /// <summary>The file the rule came from, or <c>builtin:PATH</c> for the built-in pack.</summary>
    public required string File { get; init; }

    /// <summary>1-based line where the rule's document starts in <see cref="File"/>.</summary>
    public int Line { get; init; }

    /// <summary>Names of the Sigma filters applied to this rule.</summary>
    public IEnumerable<string> FilterTitles => _filters.Select(f => f.Title);

    internal int SearchCount => _detection.Searches.Length;

    internal SearchNode[] Searches => _detection.Searches;

    internal ConditionNode Condition => _detection.Condition;

    internal void AttachFilters(SigmaFilter[] filters) => _filters = filters;

    /// <summary>Evaluates the rule's condition, then the condition of every filter attached to it.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="scratch">At least as many bytes as the rule or any of its filters has search identifiers.</param>
    internal bool Matches(LogEvent evt, Span<byte> scratch)
    {
        var cache = scratch[.._detection.Searches.Length];
        cache.Clear();
        if (!_detection.Condition.Evaluate(evt, _detection.Searches, cache))
        {
            return false;
        }

        foreach (var filter in _filters)
        {
            var filterCache = scratch[..filter.Detection.Searches.Length];
            filterCache.Clear();
            if (!filter.Detection.Condition.Evaluate(evt, filter.Detection.Searches, filterCache))
            {
                return false;
            }
        }

        return true;
    }

    internal int ScratchSize => _filters.Aggregate(_detection.Searches.Length, (size, f) => Math.Max(size, f.Detection.Searches.Length));

    /// <inheritdoc />
    public override string ToString() => $"{Title} ({Id})";
}

/// <summary>
/// A Sigma filter document: extra conditions AND-ed to the rules it names (by id or name, or <c>any</c>) whose logsource
/// it shares, as pySigma applies them, so a filter that suppresses writes <c>condition: not selection</c>.
/// </summary>
internal sealed class SigmaFilter
{
    public required string Title { get; init; }

    public required string File { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    public required bool AppliesToAny { get; init; }

    public required Logsource Logsource { get; init; }

    public required CompiledDetection Detection { get; init; }

    public bool AppliesTo(SigmaRule rule)
    {
        if (!Logsource.Accepts(rule.Logsource) && !rule.Logsource.Accepts(Logsource))
        {
            return false;
        }

        if (AppliesToAny)
        {
            return true;
        }

        foreach (var target in Targets)
        {
            if (string.Equals(target, rule.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(target, rule.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
