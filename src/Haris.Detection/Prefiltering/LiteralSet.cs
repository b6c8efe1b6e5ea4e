using System.Buffers;

namespace Haris.Detection.Prefiltering;

/// <summary>
/// Texts searched for together, ignoring case, each waking up some rules: finds every place in a text where one of
/// them starts.
/// </summary>
/// <remarks>
/// <para>.NET searches a set of up to 80 ASCII texts with Teddy, a vectorised fingerprint search, and a larger one
/// with Aho-Corasick, one character at a time. Measured on whole access lines with the 136 keywords of the web pack,
/// Aho-Corasick took about 5 to 7 ns per character, and six sets of at most 24 texts searched one after the other
/// about a third of that (sets of 80 share Teddy's eight buckets among too many fingerprints and spend their time on
/// false hits). Below a few dozen characters Teddy falls back to a scalar search per set, so short texts take one
/// pass over all the texts instead.</para>
/// <para>Immutable once built and safe to share between threads.</para>
/// </remarks>
internal sealed class LiteralSet
{
    /// <summary>The most texts one vectorised search takes; sorted neighbours share prefixes and so Teddy buckets.</summary>
    public const int ChunkSize = 24;

    /// <summary>Texts shorter than this are searched in one pass over all the texts, not once per chunk.</summary>
    public const int MinChunkedTextLength = 48;

    private readonly SearchValues<string> _all;
    private readonly SearchValues<string>[] _chunks;

    // Texts of one character, searched as characters beside the chunks: Teddy needs two.
    private readonly SearchValues<char>? _singles;
    private readonly Dictionary<char, Entry[]> _byFirstChar;
    private readonly Entry[] _otherFirstChar;

    public LiteralSet(IReadOnlyDictionary<string, List<int>> literals)
    {
        var sorted = literals.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();
        _all = SearchValues.Create(sorted, StringComparison.OrdinalIgnoreCase);
        var longer = sorted.Where(l => l.Length > 1).ToArray();
        var singles = sorted.Where(l => l.Length == 1).SelectMany(l => new[] { l[0], char.ToUpperInvariant(l[0]), char.ToLowerInvariant(l[0]) }).Distinct().ToArray();
        _singles = singles.Length > 0 ? SearchValues.Create(singles) : null;
        _chunks = longer.Length == 0 ? []
            : singles.Length == 0 && longer.Length <= ChunkSize ? [_all]
            : [.. longer.Chunk(ChunkSize).Select(c => SearchValues.Create(c, StringComparison.OrdinalIgnoreCase))];
        var entries = literals.Select(l => new Entry(l.Key, [.. l.Value])).ToList();

        // Verification after a hit looks candidates up by their first character; a first character outside ASCII may
        // fold in ways a per-character upper-casing does not capture, so those are checked at every hit.
        _byFirstChar = entries.Where(e => char.IsAscii(e.Literal[0]))
            .GroupBy(e => char.ToUpperInvariant(e.Literal[0]))
            .ToDictionary(g => g.Key, g => g.ToArray());
        _otherFirstChar = [.. entries.Where(e => !char.IsAscii(e.Literal[0]))];
    }

    /// <summary>
    /// Sets <paramref name="active"/> for the rules of every text that occurs in <paramref name="text"/>, which stands
    /// at <paramref name="textStart"/> in <paramref name="whole"/>: a text found is checked against <paramref name="whole"/>
    /// from there on, so longer texts starting at the same place are found as well.
    /// </summary>
    public void Search(ReadOnlySpan<char> text, ReadOnlySpan<char> whole, int textStart, Span<bool> active)
    {
        var hits = new ActiveRules(active);
        Find(text, whole, textStart, ref hits);
    }

    /// <summary>Adds to <paramref name="found"/> the rules of every text that occurs in <paramref name="text"/>, with repeats.</summary>
    public void Collect(ReadOnlySpan<char> text, List<int> found)
    {
        var hits = new FoundRules(found);
        Find(text, text, 0, ref hits);
    }

    private void Find<THits>(ReadOnlySpan<char> text, ReadOnlySpan<char> whole, int textStart, ref THits hits)
        where THits : IHits, allows ref struct
    {
        // Short texts, and sets that are one search anyway, take one pass over all the texts.
        if (text.Length < MinChunkedTextLength || _chunks.Length + (_singles is null ? 0 : 1) <= 1)
        {
            Find(_all, text, whole, textStart, ref hits);
            return;
        }

        foreach (var chunk in _chunks)
        {
            Find(chunk, text, whole, textStart, ref hits);
        }

        if (_singles is null)
        {
            return;
        }

        var offset = 0;
        while (offset < text.Length)
        {
            var hit = text[offset..].IndexOfAny(_singles);
            if (hit < 0)
            {
                return;
            }

            Verify(whole[(textStart + offset + hit)..], ref hits);
            offset += hit + 1;
        }
    }

    private void Find<THits>(SearchValues<string> texts, ReadOnlySpan<char> text, ReadOnlySpan<char> whole, int textStart, ref THits hits)
        where THits : IHits, allows ref struct
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var hit = text[offset..].IndexOfAny(texts);
            if (hit < 0)
            {
                return;
            }

            Verify(whole[(textStart + offset + hit)..], ref hits);
            offset += hit + 1;
        }
    }

    private void Verify<THits>(ReadOnlySpan<char> rest, ref THits hits)
        where THits : IHits, allows ref struct
    {
        if (char.IsAscii(rest[0]) && _byFirstChar.TryGetValue(char.ToUpperInvariant(rest[0]), out var candidates))
        {
            Verify(candidates, rest, ref hits);
        }

        Verify(_otherFirstChar, rest, ref hits);
    }

    private static void Verify<THits>(Entry[] candidates, ReadOnlySpan<char> rest, ref THits hits)
        where THits : IHits, allows ref struct
    {
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(candidate.Rules);
            }
        }
    }

    private interface IHits
    {
        void Add(int[] rules);
    }

    private readonly ref struct ActiveRules(Span<bool> active) : IHits
    {
        private readonly Span<bool> _active = active;

        public void Add(int[] rules)
        {
            foreach (var rule in rules)
            {
                _active[rule] = true;
            }
        }
    }

    private readonly struct FoundRules(List<int> found) : IHits
    {
        public void Add(int[] rules) => found.AddRange(rules);
    }

    private sealed record Entry(string Literal, int[] Rules);
}
