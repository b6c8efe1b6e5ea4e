using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Haris.Ingest.Sources;

/// <summary>Lines read from one input, packed in one pooled buffer, handed from a source to the pipeline.</summary>
/// <remarks>
/// <para>The consumer that takes a batch from the channel owns it and must <see cref="Dispose"/> it once it no longer
/// needs the line bytes: that returns the buffers to <see cref="ArrayPool{T}.Shared"/>. Keep
/// <see cref="Source"/> and <see cref="Checkpoint"/> (plain values) to commit after the lines' results are stored.</para>
/// <para>Every line of a batch comes from the same file (or the same receiver), so they share one identity. Lines are
/// UTF-8 as received, without their terminator; nothing is decoded or validated.</para>
/// </remarks>
public sealed class LineBatch : IDisposable
{
    private readonly ulong _identity;
    private byte[]? _buffer;
    private LineEntry[]? _entries;

    internal LineBatch(ILineSource source, byte[] buffer, LineEntry[] entries, int count, ulong identity, InputPosition checkpoint)
    {
        Source = source;
        _buffer = buffer;
        _entries = entries;
        Count = count;
        _identity = identity;
        Checkpoint = checkpoint;
    }

    /// <summary>The source that read the lines; commit <see cref="Checkpoint"/> to it.</summary>
    public ILineSource Source { get; }

    /// <summary>The number of lines in the batch (at least one).</summary>
    public int Count { get; }

    /// <summary>The position just past the last line: committing it acknowledges every line of this batch and before.</summary>
    public InputPosition Checkpoint { get; }

    /// <summary>The bytes of line <paramref name="index"/>, without its terminator; valid until the batch is disposed.</summary>
    public ReadOnlySpan<byte> GetLine(int index)
    {
        ref readonly var entry = ref Entry(index);
        return _buffer.AsSpan(entry.Start, entry.Length);
    }

    /// <summary>The position of line <paramref name="index"/>; as a checkpoint it acknowledges the lines before it.</summary>
    public InputPosition GetPosition(int index)
    {
        ref readonly var entry = ref Entry(index);
        return new InputPosition(_identity, entry.Offset, entry.Number);
    }

    /// <summary>Returns the buffers to the pool; the lines must not be read afterwards.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is null)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        ArrayPool<LineEntry>.Shared.Return(_entries!);
        _entries = null;
    }

    private ref readonly LineEntry Entry(int index)
    {
        var entries = _entries;
        if (entries is null)
        {
            ThrowDisposed();
        }

        if ((uint)index >= (uint)Count)
        {
            ThrowIndex(index);
        }

        return ref entries[index];
    }

    [DoesNotReturn]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(LineBatch));

    [DoesNotReturn]
    private static void ThrowIndex(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "No such line in the batch.");
}

/// <summary>One line of a batch: where its bytes are in the buffer and where it was in the input.</summary>
internal struct LineEntry
{
    public int Start;
    public int Length;
    public long Offset;
    public long Number;
}
