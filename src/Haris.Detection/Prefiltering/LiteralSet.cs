using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Haris.Detection.Prefiltering;

/// <summary>
/// Texts searched for together, ignoring case, each waking up some rules: finds every place in a text where one of
/// them starts.
/// </summary>
/// <remarks>
/// <para>Most places in a log value start none of the texts, so the search is built to say "no" cheaply. A text of
/// four characters or more is known by its first two windows of three characters, case-folded: their fingerprints set
/// bits in a table of 32,768 (4 KB, so it stays in the first-level cache). The search slides a three-character window
/// along the text two characters at a time (wherever a text starts, one of its two windows starts at an even place),
/// and only where the window's bit is set does it look up the texts holding that window and compare them. On access
/// lines this took a little under a nanosecond per character with the few hundred texts of the web pack, where .NET's
/// <see cref="SearchValues{T}"/> of strings took 5 to 7 (Aho-Corasick, beyond 80 texts) or about 2 (Teddy, in sets
/// of 24 searched one after the other).</para>
/// <para>A set of few texts is searched with <see cref="SearchValues{T}"/> alone (see <see cref="FewTexts"/>). In a
/// larger one, texts of one or two characters (a rule's <c>;</c> or <c>$(</c>) are found by their first character;
/// texts of three characters, and texts with a character outside ASCII among their first four, are searched with
/// <see cref="SearchValues{T}"/>, which knows every case equivalence. The window maps a character outside ASCII to the
/// ASCII letter it upper-cases to, if any, so a text is never missed where
/// <see cref="StringComparison.OrdinalIgnoreCase"/> would find it.</para>
/// <para>Immutable once built and safe to share between threads.</para>
/// </remarks>
internal sealed class LiteralSet
{
    /// <summary>
    /// Up to this many texts are searched with <see cref="SearchValues{T}"/> alone: .NET runs so few with Teddy, a
    /// vectorised search that passes over a whole line in a fraction of the time the window takes.
    /// </summary>
    public const int FewTexts = 24;

    private const int FilterBits = 15;

    // Fingerprints of three folded characters; a character outside ASCII that folds to none is this.
    private const byte NoAsciiFold = 0x80;

    // The characters of times, numbers and IPv4 addresses. When no text of the set is made of these alone, a value made
    // of them alone holds none, and is not searched: a scan passes every line's time through the keyword search.
    private const string InertChars = "0123456789-:.+TZtz";

    // Non-ASCII characters that upper-case to an ASCII one (the dotless i, the long s), seen as that ASCII character.
    private static readonly Dictionary<char, byte> s_foldsToAscii = FoldsToAscii();

    private readonly ulong[] _filter = new ulong[(1 << FilterBits) / 64];

    // Per window, the texts holding it at their start or one character in.
    private readonly Dictionary<int, (Entry Entry, int Offset)[]> _byGram;

    // Texts of one or two ASCII characters, found by their first character (either case, or one folding to it).
    private readonly SearchValues<char>? _shortStarts;
    private readonly Dictionary<byte, Entry[]> _shortByFirst;

    // Texts of three characters, texts with a character outside ASCII among their first four, or all of them in a set
    // of few: searched with SearchValues, a chunk at a time.
    private readonly Chunk[] _chunks;

    // InertChars, when no text is made of them alone; null otherwise.
    private readonly SearchValues<char>? _inert;

    public LiteralSet(IReadOnlyDictionary<string, List<int>> literals)
        : this(literals.Select(l => new Entry(l.Key, [.. l.Value], Tag: 0)))
    {
    }

    /// <summary>A set whose texts carry a tag (the same text may come several times, with different tags).</summary>
    public LiteralSet(IEnumerable<Entry> literals)
    {
        var entries = literals.Where(l => l.Literal.Length > 0).ToList();
        var few = entries.Count <= FewTexts;
        var gram = entries.Where(e => !few && e.Literal.Length >= 4 && IsAscii(e.Literal.AsSpan(0, 4))).ToList();
        var shortOnes = entries.Where(e => !few && e.Literal.Length < 3 && IsAscii(e.Literal)).ToList();
        var other = entries.Except(gram).Except(shortOnes).ToList();

        _byGram = gram.SelectMany(e => new[] { (Entry: e, Offset: 0), (Entry: e, Offset: 1) })
            .GroupBy(c => (int)Window(c.Entry.Literal.AsSpan(c.Offset, 3)))
            .ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var key in _byGram.Keys)
        {
            var bit = Fingerprint((uint)key);
            _filter[bit >> 6] |= 1UL << (int)bit;
        }

        _shortByFirst = shortOnes.GroupBy(e => Fold(e.Literal[0])).ToDictionary(g => g.Key, g => g.ToArray());
        var starts = shortOnes
            .SelectMany(e => new[] { char.ToUpperInvariant(e.Literal[0]), char.ToLowerInvariant(e.Literal[0]) })
            .Concat(s_foldsToAscii.Where(f => _shortByFirst.ContainsKey(f.Value)).Select(f => f.Key))
            .Distinct()
            .ToArray();
        _shortStarts = starts.Length > 0 ? SearchValues.Create(starts) : null;

        _inert = entries.Any(e => e.Literal.All(c => InertChars.Contains(c, StringComparison.Ordinal)
                || InertChars.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal)))
            ? null
            : SearchValues.Create(InertChars);
        _chunks = [.. other.OrderBy(e => e.Literal, StringComparer.OrdinalIgnoreCase).Chunk(FewTexts)
            .Select(c => new Chunk(SearchValues.Create([.. c.Select(e => e.Literal)], StringComparison.OrdinalIgnoreCase), c))];
    }

    /// <summary>Sets <paramref name="active"/> for the rules of every text that occurs in <paramref name="text"/>.</summary>
    public void Search(ReadOnlySpan<char> text, Span<bool> active)
    {
        var hits = new ActiveRules(active);
        Find(text, ref hits);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is made only of characters no text of the set is made of alone (a time, a
    /// number), so that it holds none of them.
    /// </summary>
    public bool CannotHold(ReadOnlySpan<char> text) => _inert is not null && !text.ContainsAnyExcept(_inert);

    /// <summary>Tells <paramref name="hits"/> of every text that occurs in <paramref name="text"/>, and where.</summary>
    public void Search<THits>(ReadOnlySpan<char> text, ref THits hits)
        where THits : IHits, allows ref struct => Find(text, ref hits);

    /// <summary>Adds to <paramref name="found"/> the rules of every text that occurs in <paramref name="text"/>, with repeats.</summary>
    public void Collect(ReadOnlySpan<char> text, List<int> found)
    {
        var hits = new FoundRules(found);
        Find(text, ref hits);
    }

    private void Find<THits>(ReadOnlySpan<char> text, ref THits hits)
        where THits : IHits, allows ref struct
    {
        if (CannotHold(text))
        {
            return;
        }

        if (_byGram.Count > 0)
        {
            FindByGram(text, ref hits);
        }

        if (_shortStarts is not null)
        {
            FindShort(text, ref hits);
        }

        foreach (var chunk in _chunks)
        {
            FindInChunk(chunk, text, ref hits);
        }
    }

    // Every text in the window table is four characters or more, so wherever one starts, its first or second window
    // starts at an even place: the window steps two characters at a time.
    private void FindByGram<THits>(ReadOnlySpan<char> text, ref THits hits)
        where THits : IHits, allows ref struct
    {
        if (text.Length < 4)
        {
            return;
        }

        ref var filter = ref MemoryMarshal.GetArrayDataReference(_filter);
        var window = (uint)Fold(text[0]);
        for (var i = 2; i < text.Length; i += 2)
        {
            window = ((window << 16) | ((uint)Fold(text[i - 1]) << 8) | Fold(text[i])) & 0xFFFFFF;
            var bit = Fingerprint(window);

            // The table holds 2^FilterBits bits, so bit >> 6 is always inside it.
            if ((Unsafe.Add(ref filter, (int)(bit >> 6)) & (1UL << (int)bit)) != 0 && _byGram.TryGetValue((int)window, out var candidates))
            {
                Verify(candidates, text, i - 2, ref hits);
            }
        }
    }

    private static void Verify<THits>((Entry Entry, int Offset)[] candidates, ReadOnlySpan<char> text, int windowStart, ref THits hits)
        where THits : IHits, allows ref struct
    {
        foreach (var (candidate, offset) in candidates)
        {
            var start = windowStart - offset;
            if (start >= 0 && text[start..].StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(candidate, start);
            }
        }
    }

    private void FindShort<THits>(ReadOnlySpan<char> text, ref THits hits)
        where THits : IHits, allows ref struct
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var hit = text[offset..].IndexOfAny(_shortStarts!);
            if (hit < 0)
            {
                return;
            }

            offset += hit;
            if (_shortByFirst.TryGetValue(Fold(text[offset]), out var candidates))
            {
                Verify(candidates, text, offset, ref hits);
            }

            offset++;
        }
    }

    private static void FindInChunk<THits>(Chunk chunk, ReadOnlySpan<char> text, ref THits hits)
        where THits : IHits, allows ref struct
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var hit = text[offset..].IndexOfAny(chunk.Texts);
            if (hit < 0)
            {
                return;
            }

            offset += hit;
            Verify(chunk.Entries, text, offset, ref hits);
            offset++;
        }
    }

    private static void Verify<THits>(Entry[] candidates, ReadOnlySpan<char> text, int start, ref THits hits)
        where THits : IHits, allows ref struct
    {
        var rest = text[start..];
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(candidate, start);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fingerprint(uint window) => (window * 0x9E3779B1u) >> (32 - FilterBits);

    // Upper-cases an ASCII letter; a character outside ASCII becomes the ASCII character it upper-cases to, or NoAsciiFold.
    // A table rather than a comparison: lower and upper case alternate unpredictably in log text, and a mispredicted
    // branch per character cost more than the rest of the step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Fold(char c) => c < 0x80 ? Unsafe.Add(ref MemoryMarshal.GetReference(AsciiUpper), c) : FoldOutsideAscii(c);

    private static ReadOnlySpan<byte> AsciiUpper =>
    [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
        0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
        0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
        0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
        0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
        0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
        0x60, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
        0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
    ];

    private static byte FoldOutsideAscii(char c) => s_foldsToAscii.TryGetValue(c, out var ascii) ? ascii : NoAsciiFold;

    private static uint Window(ReadOnlySpan<char> three) => ((uint)Fold(three[0]) << 16) | ((uint)Fold(three[1]) << 8) | Fold(three[2]);

    private static bool IsAscii(ReadOnlySpan<char> text) => System.Text.Ascii.IsValid(text);

    private static Dictionary<char, byte> FoldsToAscii()
    {
        var folds = new Dictionary<char, byte>();
        for (var c = '\u0080'; c < char.MaxValue; c++)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper < 0x80)
            {
                folds[c] = (byte)upper;
            }
        }

        return folds;
    }

    /// <summary>Told of each text found.</summary>
    public interface IHits
    {
        /// <summary>Called for <paramref name="entry"/> found at <paramref name="start"/> in the text searched.</summary>
        void Add(Entry entry, int start);
    }

    /// <summary>A text, the rules it wakes up, and a tag for the caller.</summary>
    public sealed record Entry(string Literal, int[] Rules, int Tag);

    private readonly ref struct ActiveRules(Span<bool> active) : IHits
    {
        private readonly Span<bool> _active = active;

        public void Add(Entry entry, int start)
        {
            foreach (var rule in entry.Rules)
            {
                _active[rule] = true;
            }
        }
    }

    private readonly struct FoundRules(List<int> found) : IHits
    {
        public void Add(Entry entry, int start) => found.AddRange(entry.Rules);
    }

    private sealed record Chunk(SearchValues<string> Texts, Entry[] Entries);
}
