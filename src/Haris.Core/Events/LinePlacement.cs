using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Haris.Core.Events;

/// <summary>Where a value cut from a raw line stands in it.</summary>
/// <remarks>
/// Parsers and the prefilter ask this for several values of every line. <see cref="MemoryExtensions.Overlaps{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, out int)"/>
/// answers a wider question (partial overlap) and is not inlined.
/// </remarks>
public static class LinePlacement
{
    /// <summary>
    /// Where <paramref name="value"/> starts in <paramref name="line"/> when it lies wholly inside it in memory: a slice
    /// of it, not merely the same text somewhere else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetOffset<T>(ReadOnlySpan<T> line, ReadOnlySpan<T> value, out int offset)
    {
        var bytes = (nuint)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(line), ref MemoryMarshal.GetReference(value));
        var elements = bytes / (nuint)Unsafe.SizeOf<T>();
        if (bytes % (nuint)Unsafe.SizeOf<T>() == 0 && elements <= (nuint)line.Length && (nuint)value.Length <= (nuint)line.Length - elements)
        {
            offset = (int)elements;
            return true;
        }

        offset = 0;
        return false;
    }
}
