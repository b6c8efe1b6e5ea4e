using Haris.Detection.Sigma;

namespace Haris.Detection.Correlation;

/// <summary>Resolves correlation references (by id or name) to loaded rules, and applies aliases to group-by fields.</summary>
internal static class CorrelationResolver
{
    public static IReadOnlyList<CorrelationRule> Resolve(IReadOnlyList<SigmaRule> rules, IReadOnlyList<CorrelationRule> correlations, List<RuleLoadError> errors)
    {
        if (correlations.Count == 0)
        {
            return [];
        }

        // Ids are UUIDs, written in either case; names are compared exactly.
        var byId = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var byName = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            byId.TryAdd(rule.Id, rule);
            if (rule.Name is not null)
            {
                byName.TryAdd(rule.Name, rule);
            }
        }

        foreach (var correlation in correlations)
        {
            byId.TryAdd(correlation.Id, correlation);
            if (correlation.Name is not null)
            {
                byName.TryAdd(correlation.Name, correlation);
            }
        }

        var failed = new Dictionary<CorrelationRule, string>();
        foreach (var correlation in correlations)
        {
            var references = new List<object>();
            foreach (var reference in correlation.ReferenceNames)
            {
                if (!byName.TryGetValue(reference, out var target) && !byId.TryGetValue(reference, out target))
                {
                    failed.TryAdd(correlation, $"refers to '{reference}', which is no loaded rule's id or name");
                    break;
                }

                references.Add(target);
            }

            if (failed.ContainsKey(correlation))
            {
                continue;
            }

            var groupFields = new List<IReadOnlyList<string>>(references.Count);
            foreach (var target in references)
            {
                var fields = new List<string>(correlation.GroupBy.Count);
                foreach (var field in correlation.GroupBy)
                {
                    if (!correlation.Aliases.TryGetValue(field, out var perRule))
                    {
                        fields.Add(field);
                        continue;
                    }

                    var (id, name) = Identity(target);
                    if ((name is not null && perRule.TryGetValue(name, out var aliased)) || perRule.TryGetValue(id, out aliased))
                    {
                        fields.Add(aliased);
                    }
                    else
                    {
                        failed.TryAdd(correlation, $"alias '{field}' gives no field for the rule '{name ?? id}'");
                    }
                }

                groupFields.Add(fields);
            }

            correlation.Referenced = references;
            correlation.GroupFieldsByReference = groupFields;
            correlation.Rules = [.. references.OfType<SigmaRule>()];
            correlation.Correlations = [.. references.OfType<CorrelationRule>()];
        }

        // A correlation that counts a failed correlation, or itself through a chain, cannot run either.
        foreach (var correlation in correlations)
        {
            if (!failed.ContainsKey(correlation) && ReachesItself(correlation, correlation, []))
            {
                failed.TryAdd(correlation, "its references form a cycle (a correlation cannot count itself)");
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var correlation in correlations)
            {
                if (failed.ContainsKey(correlation))
                {
                    continue;
                }

                if (correlation.Correlations.FirstOrDefault(failed.ContainsKey) is { } broken)
                {
                    failed[correlation] = $"refers to the correlation '{broken.Title}', which did not load";
                    changed = true;
                }
            }
        }
        while (changed);

        foreach (var (correlation, reason) in failed)
        {
            errors.Add(new RuleLoadError(correlation.File, correlation.Line, correlation.Id, correlation.Title, reason));
        }

        return [.. correlations.Where(c => !failed.ContainsKey(c))];
    }

    private static (string Id, string? Name) Identity(object rule) => rule switch
    {
        SigmaRule sigma => (sigma.Id, sigma.Name),
        CorrelationRule correlation => (correlation.Id, correlation.Name),
        _ => throw new InvalidOperationException("a correlation reference is a detection or a correlation rule"),
    };

    private static bool ReachesItself(CorrelationRule start, CorrelationRule current, HashSet<CorrelationRule> seen)
    {
        foreach (var next in current.Correlations)
        {
            if (ReferenceEquals(next, start))
            {
                return true;
            }

            if (seen.Add(next) && ReachesItself(start, next, seen))
            {
                return true;
            }
        }

        return false;
    }
}
