using Haris.Core.Events;

namespace Haris.Detection.Sigma.Matching;

/// <summary>A compiled search identifier, or one part of it.</summary>
internal abstract class SearchNode
{
    public abstract bool Evaluate(LogEvent evt);
}

/// <summary>
/// <c>field|mods: values</c>. Any listed value will do, or every one with <c>|all</c>; a field with several values
/// (a JSON array) matches when any of its values does. <c>|neq</c> negates the whole key, so an absent field passes it.
/// </summary>
internal sealed class FieldPredicate(FieldRef field, ValueMatcher[] values, bool all, bool negate) : SearchNode
{
    public FieldRef Field { get; } = field;

    public IReadOnlyList<ValueMatcher> Values => values;

    public bool All => all;

    public bool Negate => negate;

    public override bool Evaluate(LogEvent evt)
    {
        var first = Field.First(evt);
        var result = all ? MatchesAll(evt, first) : MatchesAny(evt, first);
        return negate ? !result : result;
    }

    private bool MatchesAny(LogEvent evt, int first)
    {
        foreach (var value in values)
        {
            if (Matches(value, evt, first))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesAll(LogEvent evt, int first)
    {
        foreach (var value in values)
        {
            if (!Matches(value, evt, first))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(ValueMatcher value, LogEvent evt, int first)
    {
        if (first < 0)
        {
            return value.MatchesAbsent;
        }

        for (var slot = first; slot >= 0; slot = evt.Next(slot))
        {
            if (value.IsMatch(evt, slot))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>field|exists: true|false</c>: presence alone; an empty string or a JSON null counts as present.</summary>
internal sealed class ExistsPredicate(FieldRef field, bool expected) : SearchNode
{
    public override bool Evaluate(LogEvent evt) => (field.First(evt) >= 0) == expected;
}

/// <summary>Field-less values: each is searched as a substring of every value of the event, the raw line included.</summary>
internal sealed class KeywordPredicate(ValueMatcher[] values, bool all) : SearchNode
{
    public IReadOnlyList<ValueMatcher> Values => values;

    public bool All => all;

    public override bool Evaluate(LogEvent evt)
    {
        foreach (var value in values)
        {
            var found = Occurs(value, evt);
            if (found != all)
            {
                return found;
            }
        }

        return all;
    }

    private static bool Occurs(ValueMatcher value, LogEvent evt)
    {
        var count = evt.ValueCount;
        for (var slot = 0; slot < count; slot++)
        {
            if (value.IsMatch(evt, slot))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A map: every entry must hold.</summary>
internal sealed class AllSearch(SearchNode[] parts) : SearchNode
{
    public IReadOnlyList<SearchNode> Parts => parts;

    public override bool Evaluate(LogEvent evt)
    {
        foreach (var part in parts)
        {
            if (!part.Evaluate(evt))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A list of maps: one of them must hold.</summary>
internal sealed class AnySearch(SearchNode[] parts) : SearchNode
{
    public IReadOnlyList<SearchNode> Parts => parts;

    public override bool Evaluate(LogEvent evt)
    {
        foreach (var part in parts)
        {
            if (part.Evaluate(evt))
            {
                return true;
            }
        }

        return false;
    }
}
