using System.Text;
using System.Text.RegularExpressions;
using Haris.Detection.Sigma.Matching;

namespace Haris.Detection.Sigma;

/// <summary>Value modifiers: how <c>field|mod1|mod2: value</c> turns into matchers.</summary>
internal sealed partial class SigmaCompiler
{
    // windash alternatives: the dash and slash, en dash, em dash and horizontal bar (pySigma's set).
    private static readonly string[] s_windashVariants = ["-", "/", "\u2013", "\u2014", "\u2015"];

    // A value may not expand into more alternatives than this (windash multiplies by five per flag).
    private const int MaxAlternatives = 4096;

    private SearchNode CompileField(string field, string[] modifiers, List<TypedScalar> values, int line)
    {
        var chain = ModifierChain.Parse(modifiers, line);
        var fieldRef = Resolve(field);
        if (chain.Head == HeadKind.Exists)
        {
            if (values.Count != 1 || values[0].Type != ScalarType.Boolean)
            {
                throw new SigmaRuleException($"'{field}|exists' takes true or false", line);
            }

            return new ExistsPredicate(fieldRef, values[0].Text == "true");
        }

        var matchers = new ValueMatcher[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            matchers[i] = CompileValue(values[i], chain, keyword: false);
        }

        return new FieldPredicate(fieldRef, chain.All ? matchers : ContainsAnyMatcher.Fold(matchers), chain.All, chain.Neq);
    }

    private SearchNode CompileKeywords(List<TypedScalar> values, string[] modifiers, int line)
    {
        var chain = ModifierChain.Parse(modifiers, line);
        if (chain.Head is HeadKind.Exists or HeadKind.FieldRef || chain.Neq)
        {
            throw new SigmaRuleException("keywords (values without a field) cannot take exists, fieldref or neq", line);
        }

        var matchers = new ValueMatcher[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Type == ScalarType.Null)
            {
                throw new SigmaRuleException("a keyword cannot be null", values[i].Line);
            }

            matchers[i] = CompileValue(values[i], chain, keyword: true);
        }

        return new KeywordPredicate(chain.All ? matchers : ContainsAnyMatcher.Fold(matchers), chain.All);
    }

    private ValueMatcher CompileValue(TypedScalar value, ModifierChain chain, bool keyword)
    {
        switch (chain.Head)
        {
            case HeadKind.Regex:
                return CompileRegex(value, chain.RegexOptions | RegexOptions.CultureInvariant);

            case HeadKind.Cidr:
                return CidrMatcher.TryCreate(value.Text, out var cidr)
                    ? cidr!
                    : throw new SigmaRuleException($"'{value.Text}' is not an IPv4 or IPv6 network", value.Line);

            case HeadKind.FieldRef:
                if (value.Type != ScalarType.String || value.Text.Length == 0 || value.Text.Contains('*', StringComparison.Ordinal))
                {
                    throw new SigmaRuleException($"fieldref takes a plain field name, not '{value.Text}'", value.Line);
                }

                return new FieldRefMatcher(Resolve(value.Text), chain.FieldRefMode, chain.Cased);

            case HeadKind.Compare:
                return new NumericCompareMatcher(chain.Comparison, RequireNumber(value, chain.Name));

            case HeadKind.TimePart:
                return new TimePartMatcher(chain.TimePart, chain.Comparison, RequireNumber(value, chain.Name));
        }

        if (!keyword && chain.Transforms.Count == 0)
        {
            switch (value.Type)
            {
                case ScalarType.Null:
                    return NullMatcher.Instance;
                case ScalarType.Integer or ScalarType.Float:
                    return new NumberEqualsMatcher(value.Text, value.Number);
                case ScalarType.Boolean:
                    return new ExactMatcher(value.Text, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (value.Type == ScalarType.Null)
        {
            throw new SigmaRuleException("null cannot take modifiers", value.Line);
        }

        var text = chain.Transforms.Contains("expand") ? ExpandPlaceholders(value) : [value.Text];
        var alternatives = new List<Alternative>();
        foreach (var t in text)
        {
            alternatives.Add(new Alternative(value.Type == ScalarType.String ? SigmaString.Parse(t) : SigmaString.FromLiteral(t), null));
        }

        foreach (var transform in chain.Transforms)
        {
            alternatives = ApplyTransform(transform, alternatives, value);
            if (alternatives.Count > MaxAlternatives)
            {
                throw new SigmaRuleException($"'{value.Text}' expands into more than {MaxAlternatives} alternatives", value.Line);
            }
        }

        if (keyword && !chain.HasPositionModifier)
        {
            alternatives = ApplyTransform("contains", alternatives, value);
        }

        var matchers = new ValueMatcher[alternatives.Count];
        for (var i = 0; i < alternatives.Count; i++)
        {
            if (alternatives[i].Text is not { } pattern)
            {
                throw new SigmaRuleException($"'{value.Text}': a UTF-16 encoding must be followed by base64 or base64offset", value.Line);
            }

            matchers[i] = StringMatchers.Create(pattern, chain.Cased);
        }

        return matchers.Length == 1 ? matchers[0] : new AnyOfMatcher(matchers);
    }

    /// <summary>
    /// Compiles a rule's regular expression. The linear-time engine runs it when it can: it cannot backtrack badly, so
    /// it needs no timeout, whose per-match set-up costs more than matching a short log value. Patterns it cannot run
    /// (lookarounds, backreferences, atomic groups) use the backtracking engine under the configured timeout. The
    /// pattern is parsed here, so an invalid one is a load error; the engine is built when it first runs.
    /// </summary>
    private RegexMatcher CompileRegex(TypedScalar value, RegexOptions flags)
    {
        var pattern = value.Text;
        try
        {
            // Throws for an invalid pattern, which then is a load error whatever the engine.
            _ = new Regex(pattern, flags, options.RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new SigmaRuleException($"invalid regular expression '{pattern}': {ex.Message}", value.Line);
        }

        var timeout = options.RegexTimeout;
        return new RegexMatcher(pattern, () =>
        {
            try
            {
                return new Regex(pattern, flags | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
            }
            catch (NotSupportedException)
            {
                return new Regex(pattern, flags | RegexOptions.Compiled, timeout);
            }
        });
    }

    private static List<Alternative> ApplyTransform(string transform, List<Alternative> alternatives, TypedScalar value)
    {
        var result = new List<Alternative>(alternatives.Count);
        foreach (var alternative in alternatives)
        {
            switch (transform)
            {
                case "contains":
                    result.Add(new(RequireText(alternative, transform, value).WithLeadingStar().WithTrailingStar(), null));
                    break;
                case "startswith":
                    result.Add(new(RequireText(alternative, transform, value).WithTrailingStar(), null));
                    break;
                case "endswith":
                    result.Add(new(RequireText(alternative, transform, value).WithLeadingStar(), null));
                    break;
                case "windash":
                    foreach (var variant in RequireText(alternative, transform, value).ExpandLiterals(WindashVariants))
                    {
                        result.Add(new(variant, null));
                    }

                    break;
                case "utf16le" or "utf16be" or "utf16":
                    var plain = RequireLiteral(alternative, transform, value);
                    byte[] bytes = transform switch
                    {
                        "utf16le" => Encoding.Unicode.GetBytes(plain),
                        "utf16be" => Encoding.BigEndianUnicode.GetBytes(plain),
                        // The specification's reading: a UTF-16 little-endian byte-order mark, then the text.
                        _ => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(plain)],
                    };
                    result.Add(new(null, bytes));
                    break;
                case "base64":
                    result.Add(new(SigmaString.FromLiteral(Convert.ToBase64String(Bytes(alternative, transform, value))), null));
                    break;
                case "base64offset":
                    foreach (var encoded in Base64Offsets(Bytes(alternative, transform, value)))
                    {
                        result.Add(new(SigmaString.FromLiteral(encoded), null));
                    }

                    break;
                case "expand":
                    result.Add(alternative);
                    break;
            }
        }

        return result;
    }

    /// <summary>
    /// The three encodings of <paramref name="data"/> at byte offsets 0, 1 and 2 inside a longer Base64 text, cut to the
    /// characters that do not depend on the unknown neighbouring bytes (pySigma's reading).
    /// </summary>
    internal static string[] Base64Offsets(byte[] data)
    {
        int[] startOffsets = [0, 2, 3];
        int[] endOffsets = [0, -3, -2];
        var result = new string[3];
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = new byte[shift + data.Length];
            data.CopyTo(padded, shift);
            var encoded = Convert.ToBase64String(padded);
            var end = endOffsets[(data.Length + shift) % 3];
            var stop = end == 0 ? encoded.Length : encoded.Length + end;
            result[shift] = encoded[startOffsets[shift]..Math.Max(startOffsets[shift], stop)];
        }

        return result;
    }

    // pySigma's positions: a '-' or '/' that begins a word (start or non-word character before it, word character after).
    private static IReadOnlyList<string> WindashVariants(string literal)
    {
        var positions = new List<int>();
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] is '-' or '/'
                && (i == 0 || !IsWordChar(literal[i - 1]))
                && i + 1 < literal.Length && IsWordChar(literal[i + 1]))
            {
                positions.Add(i);
            }
        }

        if (positions.Count == 0)
        {
            return [literal];
        }

        var results = new List<string> { literal };
        foreach (var position in positions)
        {
            var next = new List<string>(results.Count * s_windashVariants.Length);
            foreach (var partial in results)
            {
                foreach (var variant in s_windashVariants)
                {
                    // Each variant is one char long, so positions computed on the original text stay valid.
                    next.Add(string.Concat(partial.AsSpan(0, position), variant, partial.AsSpan(position + 1)));
                }
            }

            results = next;
            if (results.Count > MaxAlternatives)
            {
                break;
            }
        }

        return results;

        static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
    }

    private List<string> ExpandPlaceholders(TypedScalar value)
    {
        var results = new List<string> { string.Empty };
        var text = value.Text;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '%')
            {
                results = results.Select(r => r + "%").ToList();
                i += 2;
                continue;
            }

            if (text[i] == '%')
            {
                var end = text.IndexOf('%', i + 1);
                if (end < 0)
                {
                    throw new SigmaRuleException($"'{text}': placeholder not closed by '%'", value.Line);
                }

                var name = text[(i + 1)..end];
                if (!options.Placeholders.TryGetValue(name, out var replacements) || replacements.Count == 0)
                {
                    throw new SigmaRuleException($"placeholder %{name}% has no configured values", value.Line);
                }

                results = results.SelectMany(r => replacements.Select(v => r + v)).ToList();
                i = end + 1;
                continue;
            }

            var c = text[i++];
            results = results.Select(r => r + c).ToList();
        }

        return results;
    }

    private static SigmaString RequireText(Alternative alternative, string modifier, TypedScalar value) =>
        alternative.Text ?? throw new SigmaRuleException($"'{modifier}' cannot follow a UTF-16 encoding without base64", value.Line);

    private static string RequireLiteral(Alternative alternative, string modifier, TypedScalar value)
    {
        var text = RequireText(alternative, modifier, value);
        if (text.HasWildcards)
        {
            throw new SigmaRuleException($"'{modifier}' cannot encode '{value.Text}': it holds wildcards", value.Line);
        }

        return text.ToLiteral();
    }

    private static byte[] Bytes(Alternative alternative, string modifier, TypedScalar value) =>
        alternative.Bytes ?? Encoding.UTF8.GetBytes(RequireLiteral(alternative, modifier, value));

    private static double RequireNumber(TypedScalar value, string modifier) =>
        value.Type is ScalarType.Integer or ScalarType.Float
            ? value.Number
            : value.Type == ScalarType.String && NumericText.TryParse(value.Text, out var parsed)
                ? parsed
                : throw new SigmaRuleException($"'{modifier}' compares numbers; '{value.Text}' is not one", value.Line);

    private readonly record struct Alternative(SigmaString? Text, byte[]? Bytes);

    private enum HeadKind : byte
    {
        None,
        Regex,
        Cidr,
        Exists,
        FieldRef,
        Compare,
        TimePart,
    }

    /// <summary>A validated modifier list: flags, at most one typing modifier, and the string transforms in order.</summary>
    private sealed class ModifierChain
    {
        public bool All { get; private set; }

        public bool Neq { get; private set; }

        public bool Cased { get; private set; }

        public HeadKind Head { get; private set; }

        public string Name { get; private set; } = string.Empty;

        public RegexOptions RegexOptions { get; private set; }

        public NumericComparison Comparison { get; private set; }

        public TimePart TimePart { get; private set; }

        public FieldRefMode FieldRefMode { get; private set; }

        public List<string> Transforms { get; } = [];

        public bool HasPositionModifier => Transforms.Contains("contains") || Transforms.Contains("startswith") || Transforms.Contains("endswith");

        public static ModifierChain Parse(string[] modifiers, int line)
        {
            var chain = new ModifierChain();
            var position = 0;
            foreach (var raw in modifiers)
            {
                var modifier = raw switch
                {
                    "wide" => "utf16le",
                    "ignorecase" => "i",
                    "multiline" => "m",
                    "dotall" => "s",
                    _ => raw,
                };

                switch (modifier)
                {
                    case "all": chain.All = true; continue;
                    case "neq": chain.Neq = true; continue;
                    case "cased": chain.Cased = true; continue;
                }

                position++;
                switch (modifier)
                {
                    case "re" or "cidr" or "exists":
                        if (position != 1)
                        {
                            throw new SigmaRuleException($"'{modifier}' must be the first modifier", line);
                        }

                        chain.Head = modifier switch { "re" => HeadKind.Regex, "cidr" => HeadKind.Cidr, _ => HeadKind.Exists };
                        chain.Name = modifier;
                        break;
                    case "i" or "m" or "s":
                        if (chain.Head != HeadKind.Regex)
                        {
                            throw new SigmaRuleException($"'{raw}' only qualifies 're'", line);
                        }

                        chain.RegexOptions |= modifier switch { "i" => RegexOptions.IgnoreCase, "m" => RegexOptions.Multiline, _ => RegexOptions.Singleline };
                        break;
                    case "fieldref":
                        chain.RequireHead(HeadKind.None, modifier, line);
                        chain.Head = HeadKind.FieldRef;
                        chain.Name = modifier;
                        break;
                    case "lt" or "lte" or "gt" or "gte":
                        var comparison = modifier switch
                        {
                            "lt" => NumericComparison.Less,
                            "lte" => NumericComparison.LessOrEqual,
                            "gt" => NumericComparison.Greater,
                            _ => NumericComparison.GreaterOrEqual,
                        };
                        if (chain.Head == HeadKind.TimePart && chain.Comparison == NumericComparison.Equal)
                        {
                            chain.Comparison = comparison;
                            break;
                        }

                        chain.RequireHead(HeadKind.None, modifier, line);
                        chain.Head = HeadKind.Compare;
                        chain.Comparison = comparison;
                        chain.Name = modifier;
                        break;
                    case "minute" or "hour" or "day" or "week" or "month" or "year":
                        chain.RequireHead(HeadKind.None, modifier, line);
                        chain.Head = HeadKind.TimePart;
                        chain.Name = modifier;
                        chain.TimePart = modifier switch
                        {
                            "minute" => TimePart.Minute,
                            "hour" => TimePart.Hour,
                            "day" => TimePart.Day,
                            "week" => TimePart.Week,
                            "month" => TimePart.Month,
                            _ => TimePart.Year,
                        };
                        break;
                    case "contains" or "startswith" or "endswith" when chain.Head == HeadKind.FieldRef:
                        chain.FieldRefMode = modifier switch
                        {
                            "contains" => FieldRefMode.Contains,
                            "startswith" => FieldRefMode.StartsWith,
                            _ => FieldRefMode.EndsWith,
                        };
                        break;
                    case "contains" or "startswith" or "endswith" or "windash" or "base64" or "base64offset"
                        or "utf16le" or "utf16be" or "utf16" or "expand":
                        if (chain.Head != HeadKind.None)
                        {
                            throw new SigmaRuleException($"'{modifier}' cannot be combined with '{chain.Name}'", line);
                        }

                        chain.Transforms.Add(modifier);
                        break;
                    default:
                        throw new SigmaRuleException($"unknown modifier '{raw}'", line);
                }
            }

            return chain;
        }

        private void RequireHead(HeadKind expected, string modifier, int line)
        {
            if (Head != expected || Transforms.Count > 0)
            {
                throw new SigmaRuleException($"'{modifier}' cannot be combined with the modifiers before it", line);
            }
        }
    }
}
