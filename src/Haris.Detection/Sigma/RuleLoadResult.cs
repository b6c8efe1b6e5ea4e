namespace Haris.Detection.Sigma;

/// <summary>What a load produced: the rules that compiled, and one error per rule or file that did not.</summary>
public sealed class RuleLoadResult
{
    internal RuleLoadResult(IReadOnlyList<SigmaRule> rules, IReadOnlyList<RuleLoadError> errors, IReadOnlyList<SigmaFilter> filters, int filesRead)
    {
        Rules = rules;
        Errors = errors;
        Filters = filters;
        FilesRead = filesRead;
        ApplyFilters();
    }

    public IReadOnlyList<SigmaRule> Rules { get; }

    public IReadOnlyList<RuleLoadError> Errors { get; }

    /// <summary>How many rule files were read.</summary>
    public int FilesRead { get; }

    /// <summary>How many Sigma filter documents were loaded (they refine <see cref="Rules"/>, they do not alert).</summary>
    public int FilterCount => Filters.Count;

    internal IReadOnlyList<SigmaFilter> Filters { get; }

    /// <summary>Merges several loads into one (filters of each apply to the rules of all).</summary>
    public static RuleLoadResult Combine(params RuleLoadResult[] results) => new(
        [.. results.SelectMany(r => r.Rules)],
        [.. results.SelectMany(r => r.Errors)],
        [.. results.SelectMany(r => r.Filters)],
        results.Sum(r => r.FilesRead));

    private void ApplyFilters()
    {
        foreach (var rule in Rules)
        {
            rule.AttachFilters([.. Filters.Where(f => f.AppliesTo(rule))]);
        }
    }
}
