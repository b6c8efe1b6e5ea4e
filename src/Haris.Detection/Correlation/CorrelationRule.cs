using Haris.Detection.Sigma;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Correlation;

/// <summary>The kinds of Sigma correlation.</summary>
public enum CorrelationType
{
    /// <summary>How many events the referenced rules matched, per group, in the timespan.</summary>
    EventCount,

    /// <summary>How many distinct values of a field, per group, in the timespan.</summary>
    ValueCount,

    /// <summary>How many of the referenced rules matched, in any order, per group, in the timespan.</summary>
    Temporal,

    /// <summary>All referenced rules matched in the order they are listed, per group, in the timespan.</summary>
    TemporalOrdered,

    /// <summary>The sum of a numeric field, per group, in a window of the timespan.</summary>
    ValueSum,

    /// <summary>The mean of a numeric field, per group, in a window of the timespan.</summary>
    ValueAvg,
}

/// <summary>A comparison of a correlation's measured value: one bound, or two for a range.</summary>
public sealed record CorrelationCondition(double? Gt, double? Gte, double? Lt, double? Lte, double? Eq, double? Neq)
{
    /// <summary>True when only lower bounds are set: the condition can be decided as soon as it becomes true.</summary>
    public bool IsThreshold => Lt is null && Lte is null && Eq is null && Neq is null;

    /// <summary>The smallest whole count that satisfies a threshold condition.</summary>
    public long MinimumCount => Gte is { } gte ? (long)Math.Ceiling(gte) : Gt is { } gt ? (long)Math.Floor(gt) + 1 : 1;

    /// <summary>Whether <paramref name="value"/> satisfies every bound.</summary>
    public bool IsSatisfiedBy(double value) =>
        (Gt is not { } gt || value > gt)
        && (Gte is not { } gte || value >= gte)
        && (Lt is not { } lt || value < lt)
        && (Lte is not { } lte || value <= lte)
        && (Eq is not { } eq || value == eq)
        && (Neq is not { } neq || value != neq);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>(2);
        if (Gt is { } gt) parts.Add($"gt {gt}");
        if (Gte is { } gte) parts.Add($"gte {gte}");
        if (Lt is { } lt) parts.Add($"lt {lt}");
        if (Lte is { } lte) parts.Add($"lte {lte}");
        if (Eq is { } eq) parts.Add($"eq {eq}");
        if (Neq is { } neq) parts.Add($"neq {neq}");
        return string.Join(" and ", parts);
    }
}

/// <summary>A loaded Sigma correlation rule, its references resolved to the rules it counts.</summary>
public sealed class CorrelationRule : RuleMetadata
{
    internal CorrelationRule(YamlMappingNode root, string? id, string title, string file)
        : base(root, id, title, file)
    {
    }

    public required CorrelationType Type { get; init; }

    /// <summary>The window the condition is measured over, in event time.</summary>
    public required TimeSpan Timespan { get; init; }

    /// <summary>The group-by fields (or aliases), in order; empty for one global group.</summary>
    public required IReadOnlyList<string> GroupBy { get; init; }

    /// <summary>For <c>value_*</c> types: the field (or fields, counted as combinations) the condition measures.</summary>
    public IReadOnlyList<string> ValueFields { get; init; } = [];

    public required CorrelationCondition Condition { get; init; }

    /// <summary>Whether the referenced rules still alert on their own (Sigma <c>generate</c>, false by default).</summary>
    public bool Generate { get; init; }

    /// <summary>The detection rules this correlation counts, in the order the rule lists them.</summary>
    public IReadOnlyList<SigmaRule> Rules { get; internal set; } = [];

    /// <summary>The correlations this one counts (chaining), in the order the rule lists them.</summary>
    public IReadOnlyList<CorrelationRule> Correlations { get; internal set; } = [];

    /// <summary>The referenced rules by the position they have in <c>rules:</c>: a detection or a correlation rule each.</summary>
    internal IReadOnlyList<object> Referenced { get; set; } = [];

    /// <summary>Per reference, per group-by field: the field name to read in that rule's events (aliases applied).</summary>
    internal IReadOnlyList<IReadOnlyList<string>> GroupFieldsByReference { get; set; } = [];

    /// <summary>The references as written (ids or names), before resolution.</summary>
    internal IReadOnlyList<string> ReferenceNames { get; init; } = [];

    /// <summary>alias → (rule id or name → field).</summary>
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Aliases { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
