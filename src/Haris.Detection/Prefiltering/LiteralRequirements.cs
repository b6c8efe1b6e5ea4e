using Haris.Detection.Sigma;
using Haris.Detection.Sigma.Matching;

namespace Haris.Detection.Prefiltering;

/// <summary>Where a required literal must occur: in one field (under its canonical or written id), or in any value.</summary>
internal readonly record struct LiteralScope(int CanonicalId, int WrittenId)
{
    /// <summary>Keywords: any value of the event, the raw line included.</summary>
    public static readonly LiteralScope AnyValue = new(-1, -1);

    public bool IsAnyValue => CanonicalId < 0;
}

/// <summary>One text that must occur, ignoring case, in a scope.</summary>
internal readonly record struct Requirement(LiteralScope Scope, string Literal);

/// <summary>
/// Works out, from a compiled rule, texts that any event it matches must contain. The result is a list of clauses,
/// each an OR of requirements, all of which hold for a matching event (a conjunction of disjunctions). Nothing is
/// claimed where nothing can be: negations, regular expressions, numbers, networks, <c>exists</c> and <c>null</c> give
/// no requirement, so the analysis never excludes a rule that could match.
/// </summary>
internal static class LiteralRequirements
{
    /// <summary>The clause of <paramref name="rule"/> most worth testing, or null when the rule has none and must always run.</summary>
    public static IReadOnlyList<Requirement>? BestClause(SigmaRule rule, int minimumLength) =>
        Best(Of(rule.Condition, rule.Searches), minimumLength);

    /// <summary>
    /// For a rule with no clause of texts at least <paramref name="minimumLength"/> long: its best clause whose shorter
    /// texts are punctuation only, or null. One or two punctuation characters (<c>;</c>, <c>|</c>, <c>$(</c>) are rare in
    /// requests, so looking for them beats running the rule on every event; short letters or digits are not.
    /// </summary>
    public static IReadOnlyList<Requirement>? PunctuationClause(SigmaRule rule, int minimumLength)
    {
        var clauses = Of(rule.Condition, rule.Searches)
            .Where(c => c.All(r => r.Literal.Length >= minimumLength || IsPunctuation(r.Literal)))
            .ToList();
        return Best(clauses, minimumLength: 1);
    }

    private static bool IsPunctuation(string literal) =>
        literal.All(c => char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c) && !char.IsControl(c));

    private static List<List<Requirement>> Of(ConditionNode node, SearchNode[] searches) => node switch
    {
        IdentifierNode id => Of(searches[id.Index]),
        AndNode and => [.. and.Operands.SelectMany(o => Of(o, searches))],
        OrNode or => Union(or.Operands.Select(o => Of(o, searches))),
        _ => [],
    };

    private static List<List<Requirement>> Of(SearchNode node) => node switch
    {
        FieldPredicate field when !field.Negate => Values(field.Values, field.All, new LiteralScope(field.Field.CanonicalId, field.Field.WrittenId)),
        KeywordPredicate keywords => Values(keywords.Values, keywords.All, LiteralScope.AnyValue),
        AllSearch all => [.. all.Parts.SelectMany(Of)],
        AnySearch any => Union(any.Parts.Select(Of)),
        _ => [],
    };

    private static List<List<Requirement>> Values(IReadOnlyList<ValueMatcher> values, bool all, LiteralScope scope)
    {
        var clauses = new List<List<Requirement>>();
        var union = new List<Requirement>();
        foreach (var value in values)
        {
            var literals = value.MatchesAbsent ? null : value.RequiredLiterals();
            if (all)
            {
                if (literals is not null)
                {
                    clauses.Add([.. literals.Select(l => new Requirement(scope, l))]);
                }

                continue;
            }

            if (literals is null)
            {
                return [];
            }

            union.AddRange(literals.Select(l => new Requirement(scope, l)));
        }

        if (!all && union.Count > 0)
        {
            clauses.Add(union);
        }

        return clauses;
    }

    // An OR holds when one operand does, so its clause is the union of one clause of each operand.
    private static List<List<Requirement>> Union(IEnumerable<List<List<Requirement>>> operands)
    {
        var union = new List<Requirement>();
        foreach (var clauses in operands)
        {
            if (Best(clauses, minimumLength: 1) is not { } best)
            {
                return [];
            }

            union.AddRange(best);
        }

        return union.Count == 0 ? [] : [union];
    }

    // The most selective clause: its shortest literal as long as possible, then its literals as long as possible on
    // average (a three-letter method name like GET is in nearly every event; longer attack texts are not).
    private static List<Requirement>? Best(List<List<Requirement>> clauses, int minimumLength)
    {
        List<Requirement>? best = null;
        var bestShortest = 0;
        var bestAverage = 0.0;
        foreach (var clause in clauses)
        {
            var shortest = clause.Min(r => r.Literal.Length);
            if (shortest < minimumLength)
            {
                continue;
            }

            var average = clause.Average(r => r.Literal.Length);
            if (best is null || shortest > bestShortest || (shortest == bestShortest && average > bestAverage))
            {
                best = clause;
                bestShortest = shortest;
                bestAverage = average;
            }
        }

        return best;
    }
}
