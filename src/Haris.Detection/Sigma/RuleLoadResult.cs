using Haris.Detection.Correlation;

namespace Haris.Detection.Sigma;

/// <summary>What a load produced: the rules that compiled, and one error per rule or file that did not.</summary>
/// <remarks>
/// Correlation rules refer to other rules by id or name, possibly in other files; references are resolved over
/// everything in the result, and again when results are combined, so a correlation may count rules of another load.
/// </remarks>
public sealed class RuleLoadResult
{
    private readonly IReadOnlyList<RuleLoadError> _loadErrors;
    private readonly IReadOnlyList<CorrelationRule> _allCorrelations;

    internal RuleLoadResult(
        IReadOnlyList<SigmaRule> rules,
        IReadOnlyList<RuleLoadError> errors,
        IReadOnlyList<SigmaFilter> filters,
        IReadOnlyList<CorrelationRule> correlations,
        int filesRead)
    {
        Rules = rules;
        _loadErrors = errors;
        Filters = filters;
        _allCorrelations = correlations;
        FilesRead = filesRead;
        ApplyFilters();
        var resolutionErrors = new List<RuleLoadError>();
        Correlations = CorrelationResolver.Resolve(rules, correlations, resolutionErrors);
        Errors = [.. errors, .. resolutionErrors];
    }

    /// <summary>The detection rules that loaded.</summary>
    public IReadOnlyList<SigmaRule> Rules { get; }

    /// <summary>The correlation rules that loaded and whose references all resolved.</summary>
    public IReadOnlyList<CorrelationRule> Correlations { get; }

    public IReadOnlyList<RuleLoadError> Errors { get; }

    /// <summary>How many rule files were read.</summary>
    public int FilesRead { get; }

    /// <summary>How many Sigma filter documents were loaded (they refine <see cref="Rules"/>, they do not alert).</summary>
    public int FilterCount => Filters.Count;

    /// <summary>Rules and correlations together.</summary>
    public int TotalCount => Rules.Count + Correlations.Count;

    internal IReadOnlyList<SigmaFilter> Filters { get; }

    /// <summary>Merges several loads into one (filters of each apply to the rules of all; correlations resolve across all).</summary>
    public static RuleLoadResult Combine(params RuleLoadResult[] results) => new(
        [.. results.SelectMany(r => r.Rules)],
        [.. results.SelectMany(r => r._loadErrors)],
        [.. results.SelectMany(r => r.Filters)],
        [.. results.SelectMany(r => r._allCorrelations)],
        results.Sum(r => r.FilesRead));

    private void ApplyFilters()
    {
        foreach (var rule in Rules)
        {
            rule.AttachFilters([.. Filters.Where(f => f.AppliesTo(rule))]);
        }
    }
}
