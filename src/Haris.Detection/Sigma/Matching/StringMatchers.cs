using System.Buffers;
using System.Globalization;

namespace Haris.Detection.Sigma.Matching;

/// <summary>Builds the cheapest matcher for a Sigma string: exact, prefix, suffix, substring or a general glob.</summary>
internal static class StringMatchers
{
    public static TextMatcher Create(SigmaString value, bool cased)
    {
        var comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var parts = value.Parts;
        if (!value.HasWildcards)
        {
            return new ExactMatcher(value.ToLiteral(), comparison);
        }

        if (parts.Count == 1 && parts[0].Kind == SigmaString.PartKind.Star)
        {
            return AnyTextMatcher.Instance;
        }

        var hasQuestion = false;
        foreach (var part in parts)
        {
            hasQuestion |= part.Kind == SigmaString.PartKind.Question;
        }

        if (!hasQuestion)
        {
            if (parts.Count == 2 && parts[1].Kind == SigmaString.PartKind.Star)
            {
                return new PrefixMatcher(parts[0].Text, comparison);
            }

            if (parts.Count == 2 && parts[0].Kind == SigmaString.PartKind.Star)
            {
                return new SuffixMatcher(parts[1].Text, comparison);
            }

            if (parts.Count == 3 && parts[0].Kind == SigmaString.PartKind.Star && parts[2].Kind == SigmaString.PartKind.Star)
            {
                return new ContainsMatcher(parts[1].Text, comparison);
            }

            return new StarGlobMatcher(value, comparison);
        }

        return new GlobMatcher(value, cased);
    }
}

internal sealed class ExactMatcher(string literal, StringComparison comparison) : TextMatcher
{
    public string Literal { get; } = literal;

    public override bool IsMatch(ReadOnlySpan<char> value) => value.Equals(Literal, comparison);

    public override IReadOnlyList<string>? RequiredLiterals() => Literal.Length == 0 ? null : [Literal];
}

internal sealed class PrefixMatcher(string literal, StringComparison comparison) : TextMatcher
{
    public string Literal { get; } = literal;

    public override bool IsMatch(ReadOnlySpan<char> value) => value.StartsWith(Literal, comparison);

    public override IReadOnlyList<string>? RequiredLiterals() => Literal.Length == 0 ? null : [Literal];
}

internal sealed class SuffixMatcher(string literal, StringComparison comparison) : TextMatcher
{
    public string Literal { get; } = literal;

    public override bool IsMatch(ReadOnlySpan<char> value) => value.EndsWith(Literal, comparison);

    public override IReadOnlyList<string>? RequiredLiterals() => Literal.Length == 0 ? null : [Literal];
}

internal sealed class ContainsMatcher(string literal, StringComparison comparison) : TextMatcher
{
    public string Literal { get; } = literal;

    public StringComparison Comparison { get; } = comparison;

    public override bool IsMatch(ReadOnlySpan<char> value) => value.Contains(Literal, Comparison);

    public override IReadOnlyList<string>? RequiredLiterals() => Literal.Length == 0 ? null : [Literal];
}

/// <summary>A lone <c>*</c>: any present string, the empty one included.</summary>
internal sealed class AnyTextMatcher : TextMatcher
{
    public static readonly AnyTextMatcher Instance = new();

    public override bool IsMatch(ReadOnlySpan<char> value) => true;
}

/// <summary>
/// A pattern of literals joined by <c>*</c> only. Anchored at both ends; with no <c>?</c>, taking each middle literal at
/// its leftmost place is always right, so this runs in linear time on vectorised searches.
/// </summary>
internal sealed class StarGlobMatcher : TextMatcher
{
    private readonly string? _prefix;
    private readonly string? _suffix;
    private readonly string[] _middle;
    private readonly StringComparison _comparison;

    public StarGlobMatcher(SigmaString pattern, StringComparison comparison)
    {
        _comparison = comparison;
        var parts = pattern.Parts;
        var first = 0;
        var last = parts.Count - 1;
        if (parts[0].Kind == SigmaString.PartKind.Literal)
        {
            _prefix = parts[0].Text;
            first = 1;
        }

        if (last >= first && parts[last].Kind == SigmaString.PartKind.Literal)
        {
            _suffix = parts[last].Text;
            last--;
        }

        var middle = new List<string>();
        for (var i = first; i <= last; i++)
        {
            if (parts[i].Kind == SigmaString.PartKind.Literal)
            {
                middle.Add(parts[i].Text);
            }
        }

        _middle = [.. middle];
    }

    public override IReadOnlyList<string>? RequiredLiterals()
    {
        var longest = _middle.Append(_prefix ?? string.Empty).Append(_suffix ?? string.Empty).MaxBy(l => l.Length)!;
        return longest.Length == 0 ? null : [longest];
    }

    public override bool IsMatch(ReadOnlySpan<char> value)
    {
        if (_prefix is not null)
        {
            if (!value.StartsWith(_prefix, _comparison))
            {
                return false;
            }

            value = value[_prefix.Length..];
        }

        if (_suffix is not null)
        {
            if (!value.EndsWith(_suffix, _comparison))
            {
                return false;
            }

            value = value[..^_suffix.Length];
        }

        foreach (var literal in _middle)
        {
            var at = value.IndexOf(literal, _comparison);
            if (at < 0)
            {
                return false;
            }

            value = value[(at + literal.Length)..];
        }

        return true;
    }
}

/// <summary>
/// A general pattern with <c>?</c>: two-pointer matching with backtracking to the last star, linear in practice.
/// <c>?</c> takes one code point, so an emoji (a surrogate pair) counts as one character.
/// </summary>
internal sealed class GlobMatcher : TextMatcher
{
    private readonly Token[] _tokens;
    private readonly bool _cased;
    private readonly string _longestLiteral;

    public GlobMatcher(SigmaString pattern, bool cased)
    {
        _cased = cased;
        _longestLiteral = pattern.Parts.Where(p => p.Kind == SigmaString.PartKind.Literal).Select(p => p.Text).DefaultIfEmpty(string.Empty).MaxBy(t => t.Length)!;
        var tokens = new List<Token>();
        foreach (var part in pattern.Parts)
        {
            switch (part.Kind)
            {
                case SigmaString.PartKind.Star: tokens.Add(new Token(TokenKind.Star, default)); break;
                case SigmaString.PartKind.Question: tokens.Add(new Token(TokenKind.One, default)); break;
                default:
                    foreach (var rune in part.Text.EnumerateRunes())
                    {
                        tokens.Add(new Token(TokenKind.Rune, rune));
                    }

                    break;
            }
        }

        _tokens = [.. tokens];
    }

    public override bool IsMatch(ReadOnlySpan<char> value)
    {
        int t = 0, v = 0, starToken = -1, starValue = 0;
        while (v < value.Length)
        {
            System.Text.Rune.DecodeFromUtf16(value[v..], out var rune, out var width);
            if (t < _tokens.Length)
            {
                var token = _tokens[t];
                if (token.Kind == TokenKind.Star)
                {
                    starToken = t++;
                    starValue = v;
                    continue;
                }

                if (token.Kind == TokenKind.One || Same(token.Rune, rune))
                {
                    t++;
                    v += width;
                    continue;
                }
            }

            if (starToken < 0)
            {
                return false;
            }

            // Let the last star swallow one more code point and try again from just after it.
            t = starToken + 1;
            System.Text.Rune.DecodeFromUtf16(value[starValue..], out _, out var skipped);
            starValue += skipped;
            v = starValue;
        }

        while (t < _tokens.Length && _tokens[t].Kind == TokenKind.Star)
        {
            t++;
        }

        return t == _tokens.Length;
    }

    public override IReadOnlyList<string>? RequiredLiterals() => _longestLiteral.Length == 0 ? null : [_longestLiteral];

    private bool Same(System.Text.Rune a, System.Text.Rune b) =>
        a == b || (!_cased && System.Text.Rune.ToUpperInvariant(a) == System.Text.Rune.ToUpperInvariant(b));

    private enum TokenKind : byte
    {
        Rune,
        One,
        Star,
    }

    private readonly record struct Token(TokenKind Kind, System.Text.Rune Rune);
}

/// <summary>
/// A plain YAML number: equal when the event has the same text, or any text that denotes the same number
/// (<c>404</c> matches JSON <c>404</c>, text <c>"404"</c> and <c>404.0</c>).
/// </summary>
internal sealed class NumberEqualsMatcher(string text, double number) : TextMatcher
{
    // Below 2^53 every integer is exact as a double, so a run of up to 15 digits reads the same either way.
    private const int MaxExactDigits = 15;

    public override bool IsMatch(ReadOnlySpan<char> value)
    {
        // Status codes and sizes are plain digits on nearly every event: read them as an integer rather than through
        // the general number parser. The text of the rule is itself such a number then, so comparing it adds nothing.
        if (value.Length is > 0 and <= MaxExactDigits && !value.ContainsAnyExceptInRange('0', '9'))
        {
            var digits = 0L;
            foreach (var c in value)
            {
                digits = (digits * 10) + (c - '0');
            }

            return digits == number;
        }

        return value.Equals(text, StringComparison.OrdinalIgnoreCase)
            || (NumericText.TryParse(value, out var parsed) && parsed == number);
    }
}

/// <summary>Number parsing shared by every numeric comparison: invariant culture, integers and decimals, nothing else.</summary>
internal static class NumericText
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}

/// <summary>
/// Several substrings, any of which will do: one vectorised multi-literal pass over the value instead of one search
/// per literal. Built when a value list (or a keyword list) is made only of plain substrings.
/// </summary>
internal sealed class ContainsAnyMatcher(string[] literals, StringComparison comparison) : TextMatcher
{
    private readonly SearchValues<string> _literals = SearchValues.Create(literals, comparison);

    public override bool IsMatch(ReadOnlySpan<char> value) => value.IndexOfAny(_literals) >= 0;

    public override IReadOnlyList<string>? RequiredLiterals() => literals;

    /// <summary>Folds the plain substrings among OR-ed <paramref name="values"/> into one matcher; other values stay as they are.</summary>
    public static ValueMatcher[] Fold(ValueMatcher[] values)
    {
        var ignoreCase = new List<string>();
        var cased = new List<string>();
        var rest = new List<ValueMatcher>();
        foreach (var value in values)
        {
            if (value is ContainsMatcher contains && contains.Literal.Length > 0)
            {
                (contains.Comparison == StringComparison.Ordinal ? cased : ignoreCase).Add(contains.Literal);
            }
            else
            {
                rest.Add(value);
            }
        }

        if (ignoreCase.Count + cased.Count < 2)
        {
            return values;
        }

        if (ignoreCase.Count > 0)
        {
            rest.Insert(0, Create(ignoreCase, StringComparison.OrdinalIgnoreCase));
        }

        if (cased.Count > 0)
        {
            rest.Insert(0, Create(cased, StringComparison.Ordinal));
        }

        return [.. rest];

        static TextMatcher Create(List<string> literals, StringComparison comparison) =>
            literals.Count == 1 ? new ContainsMatcher(literals[0], comparison) : new ContainsAnyMatcher([.. literals.Distinct()], comparison);
    }
}
