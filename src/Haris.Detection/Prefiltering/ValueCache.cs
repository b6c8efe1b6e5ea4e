using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Haris.Detection.Prefiltering;

/// <summary>What the prefilter found in each recently seen value, on one thread: a two-way set-associative table keyed by the exact text.</summary>
/// <remarks>
/// Sized for the distinct request lines, referrers and agents of a busy site: 200,000 lines of a simulated match day
/// hold about 2,700 distinct request lines and referrers, which a table of 1,024 direct-mapped slots kept evicting.
/// On the whole 2.46-million-line day, 8 % of lookups miss, nearly all of them values seen once (cache-busting query
/// strings, search referrers). Keys are hashed with XXH3, three to four times faster than the randomised string hash
/// on lines of a few hundred characters; a hash is not trusted alone, the text is compared too.
/// </remarks>
internal sealed class ValueCache<TValue>
    where TValue : class
{
    private const int Sets = 2048;

    // The two ways of a set side by side, 32 bytes each: a lookup reads one cache line, then the key it compares.
    private readonly Slot[] _slots = new Slot[Sets * 2];

    // Per set, the way written last; a miss replaces the other one.
    private readonly byte[] _recent = new byte[Sets];

    public bool TryGet(ReadOnlySpan<char> value, ulong hash, [MaybeNullWhen(false)] out TValue found)
    {
        var index = (int)(hash & (Sets - 1)) * 2;
        if (Holds(ref _slots[index], value, hash) || Holds(ref _slots[++index], value, hash))
        {
            found = _slots[index].Value!;
            return true;
        }

        found = null;
        return false;
    }

    public void Add(ReadOnlySpan<char> value, ulong hash, TValue found)
    {
        var set = (int)(hash & (Sets - 1));
        var way = _recent[set] ^ 1;
        _recent[set] = (byte)way;
        ref var slot = ref _slots[(set * 2) + way];
        var key = slot.Key;
        if (key is null || key.Length < value.Length)
        {
            // Grows to the longest value the slot has held, so after warm-up a miss copies without allocating. Rounded
            // up to 64 chars, not more: a table of 4,096 keys is filled in every scan, on every thread.
            slot.Key = key = new char[(value.Length + 63) & ~63];
        }

        value.CopyTo(key);
        slot.Hash = hash;
        slot.Length = value.Length;
        slot.Value = found;
    }

    private static bool Holds(ref Slot slot, ReadOnlySpan<char> value, ulong hash) =>
        slot.Hash == hash && slot.Length == value.Length && slot.Key is { } key && value.SequenceEqual(key.AsSpan(0, value.Length));

    private struct Slot
    {
        public ulong Hash;
        public char[]? Key;
        public TValue? Value;
        public int Length;
    }
}

/// <summary>What every <see cref="ValueCache{TValue}"/> shares: the longest value kept, and the hash of a value.</summary>
internal static class ValueCache
{
    /// <summary>Longer values are searched every time: they are rare, and keeping them would cost memory.</summary>
    public const int MaxLength = 1024;

    /// <summary>The hash under which a value is kept.</summary>
    public static ulong Hash(ReadOnlySpan<char> value) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value));
}
