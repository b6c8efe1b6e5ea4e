using System.Text;

namespace Haris.Detection.Sigma.Matching;

/// <summary>A Sigma string value after escape processing: literal text interleaved with <c>*</c> and <c>?</c> wildcards.</summary>
internal sealed class SigmaString
{
    private SigmaString(IReadOnlyList<Part> parts) => Parts = parts;

    public IReadOnlyList<Part> Parts { get; }

    public bool HasWildcards
    {
        get
        {
            foreach (var part in Parts)
            {
                if (part.Kind != PartKind.Literal)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool StartsWithStar => Parts.Count > 0 && Parts[0].Kind == PartKind.Star;

    public bool EndsWithStar => Parts.Count > 0 && Parts[^1].Kind == PartKind.Star;

    /// <summary>
    /// Applies Sigma escaping: a backslash escapes only <c>*</c>, <c>?</c> and another backslash; before anything else
    /// (<c>C:\Windows</c>) or at the end it is a plain backslash.
    /// </summary>
    public static SigmaString Parse(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(text[++i]);
            }
            else if (c is '*' or '?')
            {
                Flush(parts, literal);
                parts.Add(c == '*' ? Part.Star : Part.Question);
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(parts, literal);
        return new SigmaString(Normalize(parts));
    }

    /// <summary>A value with no wildcards at all (used for keywords made from numbers and for encoded values).</summary>
    public static SigmaString FromLiteral(string text) =>
        new(text.Length == 0 ? [] : [new Part(PartKind.Literal, text)]);

    public SigmaString WithLeadingStar() => StartsWithStar ? this : new SigmaString(Normalize([Part.Star, .. Parts]));

    public SigmaString WithTrailingStar() => EndsWithStar ? this : new SigmaString(Normalize([.. Parts, Part.Star]));

    /// <summary>The plain text of a wildcard-free value.</summary>
    public string ToLiteral()
    {
        var sb = new StringBuilder();
        foreach (var part in Parts)
        {
            sb.Append(part.Text);
        }

        return sb.ToString();
    }

    /// <summary>Returns a copy in which each literal part has been replaced by every text <paramref name="expand"/> yields for it, combined.</summary>
    public IEnumerable<SigmaString> ExpandLiterals(Func<string, IReadOnlyList<string>> expand)
    {
        IEnumerable<List<Part>> results = [[]];
        foreach (var part in Parts)
        {
            if (part.Kind != PartKind.Literal)
            {
                results = results.Select(r => new List<Part>(r) { part });
                continue;
            }

            var options = expand(part.Text);
            results = results.SelectMany(r => options.Select(o => new List<Part>(r) { new(PartKind.Literal, o) }));
        }

        return results.Select(r => new SigmaString(Normalize(r)));
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var part in Parts)
        {
            switch (part.Kind)
            {
                case PartKind.Star: sb.Append('*'); break;
                case PartKind.Question: sb.Append('?'); break;
                default: sb.Append(part.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("?", "\\?", StringComparison.Ordinal)); break;
            }
        }

        return sb.ToString();
    }

    private static void Flush(List<Part> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(PartKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }

    // Joins adjacent literals and folds runs of stars: "a**b" means the same as "a*b".
    private static List<Part> Normalize(IEnumerable<Part> parts)
    {
        var result = new List<Part>();
        foreach (var part in parts)
        {
            if (part.Kind == PartKind.Literal && part.Text.Length == 0)
            {
                continue;
            }

            if (result.Count > 0)
            {
                var last = result[^1];
                if (part.Kind == PartKind.Star && last.Kind == PartKind.Star)
                {
                    continue;
                }

                if (part.Kind == PartKind.Literal && last.Kind == PartKind.Literal)
                {
                    result[^1] = new Part(PartKind.Literal, last.Text + part.Text);
                    continue;
                }
            }

            result.Add(part);
        }

        return result;
    }

    internal enum PartKind : byte
    {
        Literal,
        Star,
        Question,
    }

    internal readonly record struct Part(PartKind Kind, string Text)
    {
        public static readonly Part Star = new(PartKind.Star, string.Empty);
        public static readonly Part Question = new(PartKind.Question, string.Empty);
    }
}
