using Haris.Core.Events;

namespace Haris.Detection.Sigma.Matching;

/// <summary>Decides whether one value of an event satisfies one compiled Sigma value.</summary>
internal abstract class ValueMatcher
{
    /// <summary>Whether a missing field satisfies this value (true only for <c>null</c>).</summary>
    public virtual bool MatchesAbsent => false;

    /// <summary>Tests the value in <paramref name="slot"/> of <paramref name="evt"/>.</summary>
    public abstract bool IsMatch(LogEvent evt, int slot);

    /// <summary>
    /// Texts of which a matching value contains at least one, ignoring case; null when no such text can be named
    /// (regular expressions, numbers, networks). The prefilter uses them to skip rules that cannot match.
    /// </summary>
    public virtual IReadOnlyList<string>? RequiredLiterals() => null;
}

/// <summary>Matches strings; a JSON null is never a string, so it never matches (not even <c>*</c>).</summary>
internal abstract class TextMatcher : ValueMatcher
{
    public sealed override bool IsMatch(LogEvent evt, int slot) =>
        evt.Kind(slot) != FieldValueKind.Null && IsMatch(evt.Text(slot));

    public abstract bool IsMatch(ReadOnlySpan<char> value);
}

/// <summary>One Sigma value that expanded into several (windash, base64offset): any of them will do.</summary>
internal sealed class AnyOfMatcher(ValueMatcher[] alternatives) : ValueMatcher
{
    public override bool MatchesAbsent
    {
        get
        {
            foreach (var alternative in alternatives)
            {
                if (alternative.MatchesAbsent)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public override bool IsMatch(LogEvent evt, int slot)
    {
        foreach (var alternative in alternatives)
        {
            if (alternative.IsMatch(evt, slot))
            {
                return true;
            }
        }

        return false;
    }

    public override IReadOnlyList<string>? RequiredLiterals()
    {
        var all = new List<string>();
        foreach (var alternative in alternatives)
        {
            if (alternative.RequiredLiterals() is not { } literals)
            {
                return null;
            }

            all.AddRange(literals);
        }

        return all;
    }
}

/// <summary><c>field: null</c>: the field is absent or holds JSON null; an empty string is not null.</summary>
internal sealed class NullMatcher : ValueMatcher
{
    public static readonly NullMatcher Instance = new();

    public override bool MatchesAbsent => true;

    public override bool IsMatch(LogEvent evt, int slot) => evt.Kind(slot) == FieldValueKind.Null;
}
