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
    private readonly Dictionary<char, Entry[]> _byFirstChar;
    private readonly Entry[] _otherFirstChar;

    public LiteralSet(IReadOnlyDictionary<string, List<int>> literals)
    {
        var sorted = literals.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();
        _all = SearchValues.Create(sorted, StringComparison.OrdinalIgnoreCase);
        _chunks = sorted.Length <= ChunkSize ? [_all] : [.. sorted.Chunk(ChunkSize).Select(c => SearchValues.Create(c, StringComparison.OrdinalIgnoreCase))];
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
        foreach (var chunk in ChunksFor(text))
        {
            var offset = 0;
            while (offset < text.Length)
            {
                var hit = text[offset..].IndexOfAny(chunk);
                if (hit < 0)
                {
                    break;
                }

                Verify(whole[(textStart + offset + hit)..], active);
                offset += hit + 1;
            }
        }
    }

    /// <summary>Adds to <paramref name="found"/> the rules of every text that occurs in <paramref name="text"/>, with repeats.</summary>
    public void Collect(ReadOnlySpan<char> text, List<int> found)
    {
        foreach (var chunk in ChunksFor(text))
        {
            var offset = 0;
            while (offset < text.Length)
            {
                var hit = text[offset..].IndexOfAny(chunk);
                if (hit < 0)
                {
                    break;
                }

                Verify(text[(offset + hit)..], found);
                offset += hit + 1;
            }
        }
    }

    private ReadOnlySpan<SearchValues<string>> ChunksFor(ReadOnlySpan<char> text) =>
        text.Length < MinChunkedTextLength ? new ReadOnlySpan<SearchValues<string>>(in _all) : _chunks;

    private void Verify(ReadOnlySpan<char> rest, Span<bool> active)
    {
        if (char.IsAscii(rest[0]) && _byFirstChar.TryGetValue(char.ToUpperInvariant(rest[0]), out var candidates))
        {
            Verify(candidates, rest, active);
        }

        Verify(_otherFirstChar, rest, active);
    }

    private void Verify(ReadOnlySpan<char> rest, List<int> found)
    {
        if (char.IsAscii(rest[0]) && _byFirstChar.TryGetValue(char.ToUpperInvariant(rest[0]), out var candidates))
        {
            Verify(candidates, rest, found);
        }

        Verify(_otherFirstChar, rest, found);
    }

    private static void Verify(Entry[] candidates, ReadOnlySpan<char> rest, Span<bool> active)
    {
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var rule in candidate.Rules)
                {
                    active[rule] = true;
                }
            }
        }
    }

    private static void Verify(Entry[] candidates, ReadOnlySpan<char> rest, List<int> found)
    {
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
            {
                found.AddRange(candidate.Rules);
            }
        }
    }

    private sealed record Entry(string Literal, int[] Rules);
}
