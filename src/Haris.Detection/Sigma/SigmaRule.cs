using Haris.Core.Events;
using Haris.Detection.Sigma.Matching;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Sigma;

/// <summary>A loaded, compiled Sigma detection rule: its metadata and an immutable matcher.</summary>
public sealed class SigmaRule : RuleMetadata
{
    private readonly CompiledDetection _detection;
    private SigmaFilter[] _filters = [];

    internal SigmaRule(YamlMappingNode root, string? id, string title, string file, Logsource logsource, CompiledDetection detection)
        : base(root, id, title, file)
    {
        Logsource = logsource;
        _detection = detection;
    }

    /// <summary>Which events the rule is offered (see <see cref="Logsource.Accepts"/>).</summary>
    public Logsource Logsource { get; }

    /// <summary>Names of the Sigma filters applied to this rule.</summary>
    public IEnumerable<string> FilterTitles => _filters.Select(f => f.Title);

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
