using System.Text;

namespace Haris.Detection.Prefiltering;

/// <summary>
/// Finds texts that every match of a regular expression must contain, so rules whose only test is a regular
/// expression can still be skipped by the prefilter. Deliberately narrow: it reads the top level of the pattern (plain
/// characters, escaped punctuation, and groups whose alternatives are all plain text) and gives up, returning null, on
/// anything it does not understand. Giving up only costs speed; claiming a text that a match can lack would cost
/// detections, so every uncertain construct breaks the run of required characters.
/// </summary>
internal static class RegexLiterals
{
    /// <summary>The best set of texts one of which every match contains, or null when none is known.</summary>
    public static IReadOnlyList<string>? Required(string pattern, int minimumLength)
    {
        if (pattern.Contains("(?x", StringComparison.Ordinal) || pattern.Contains("(?#", StringComparison.Ordinal))
        {
            return null;
        }

        var candidates = new List<IReadOnlyList<string>>();
        var run = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '|':
                    // An alternation at the top level: no text is required of every branch.
                    return null;
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        return null;
                    }

                    var escaped = pattern[i + 1];
                    if (char.IsAsciiLetterOrDigit(escaped))
                    {
                        // \d, \w, \b, \x41, \1 ...: a class, an anchor or a code, not the character itself.
                        EndRun(run, candidates);
                        i = SkipQuantifier(pattern, i + 2, out _);
                        continue;
                    }

                    i = AddChar(pattern, i + 2, escaped, run, candidates);
                    continue;
                case '[':
                    EndRun(run, candidates);
                    i = SkipQuantifier(pattern, SkipClass(pattern, i), out _);
                    continue;
                case '(':
                    EndRun(run, candidates);
                    var close = MatchingParen(pattern, i);
                    if (close < 0)
                    {
                        return null;
                    }

                    var alternatives = PlainAlternatives(pattern[(i + 1)..close]);
                    i = SkipQuantifier(pattern, close + 1, out var optional);
                    if (alternatives is not null && !optional && alternatives.Count > 0)
                    {
                        candidates.Add(alternatives);
                    }

                    continue;
                case '.' or '^' or '$':
                    EndRun(run, candidates);
                    i = SkipQuantifier(pattern, i + 1, out _);
                    continue;
                case '*' or '+' or '?' or '{' or ')':
                    // A quantifier or parenthesis where a character was expected: the pattern is beyond this reader.
                    return null;
                default:
                    i = AddChar(pattern, i + 1, c, run, candidates);
                    continue;
            }
        }

        EndRun(run, candidates);
        IReadOnlyList<string>? best = null;
        var bestRarity = 0;
        foreach (var candidate in candidates)
        {
            var rarity = candidate.Min(Rarity);
            if (candidate.Min(t => t.Length) >= minimumLength && rarity > bestRarity)
            {
                best = candidate;
                bestRarity = rarity;
            }
        }

        return best;
    }

    /// <summary>
    /// How seldom a required text occurs by chance, to choose between the runs and groups a match needs: from three
    /// characters on the longer the better, as before; a shorter text ranks below those, and punctuation in it ranks
    /// it up. The shell separators of command injection (<c>;</c>, <c>|</c>, <c>`</c>, <c>$(</c>) are rare in
    /// requests, while two-letter commands (<c>id</c>, <c>sh</c>, <c>ls</c>) stand in many paths.
    /// </summary>
    private static int Rarity(string text) =>
        text.Length >= 3 ? 100 + text.Length : text.Length + (2 * text.Count(c => !char.IsAsciiLetterOrDigit(c)));

    // Adds a plain character to the run, unless a quantifier makes it optional or repeats it.
    private static int AddChar(string pattern, int next, char c, StringBuilder run, List<IReadOnlyList<string>> candidates)
    {
        var after = SkipQuantifier(pattern, next, out var optional);
        if (after == next)
        {
            run.Append(c);
            return after;
        }

        // "a+" needs one a, then the run cannot go on; "a*" or "a?" needs none.
        if (!optional)
        {
            run.Append(c);
        }

        EndRun(run, candidates);
        return after;
    }

    private static void EndRun(StringBuilder run, List<IReadOnlyList<string>> candidates)
    {
        if (run.Length > 0)
        {
            candidates.Add([run.ToString()]);
            run.Clear();
        }
    }

    // Skips a quantifier at position i, if any; optional is true when it allows zero repetitions.
    private static int SkipQuantifier(string pattern, int i, out bool optional)
    {
        optional = false;
        if (i >= pattern.Length)
        {
            return i;
        }

        switch (pattern[i])
        {
            case '*' or '?':
                optional = true;
                i++;
                break;
            case '+':
                i++;
                break;
            case '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0)
                {
                    return i;
                }

                var body = pattern[(i + 1)..close];
                optional = body.StartsWith('0') || body.StartsWith(',');
                i = close + 1;
                break;
            default:
                return i;
        }

        // Lazy or possessive suffixes change how, not whether, a match is found.
        if (i < pattern.Length && pattern[i] is '?' or '+')
        {
            i++;
        }

        return i;
    }

    private static int SkipClass(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        // A ']' right after '[' or '[^' is a member, not the end.
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            i += pattern[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, pattern.Length);
    }

    private static int MatchingParen(string pattern, int open)
    {
        var depth = 0;
        for (var i = open; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = SkipClass(pattern, i) - 1;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    // The alternatives of a group when each is plain text ("error|load|focus"); null for anything else.
    private static List<string>? PlainAlternatives(string body)
    {
        if (body.StartsWith("?:", StringComparison.Ordinal))
        {
            body = body[2..];
        }
        else if (body.StartsWith('?'))
        {
            // Lookarounds, inline options, named groups: not read.
            return null;
        }

        var result = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '|')
            {
                result.Add(current.ToString());
                current.Clear();
            }
            else if (c == '\\' && i + 1 < body.Length && !char.IsAsciiLetterOrDigit(body[i + 1]))
            {
                current.Append(body[++i]);
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '%' or '/' or ':' or '=' or '@' or '&' or '#' or '~' or ',' or ';' or '<' or '>' or '\'' or '"' or '!' or '`' or ' ')
            {
                current.Append(c);
            }
            else
            {
                return null;
            }
        }

        result.Add(current.ToString());
        return result.Any(a => a.Length == 0) ? null : result;
    }
}
