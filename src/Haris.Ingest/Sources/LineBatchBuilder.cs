using System.Buffers;

namespace Haris.Ingest.Sources;

/// <summary>Collects lines in a pooled buffer that a reader fills in place, then hands buffer and lines to a <see cref="LineBatch"/>.</summary>
/// <remarks>
/// Readers receive straight into <see cref="Buffer"/> and record lines as slices of it, so a line is never copied;
/// only the incomplete tail (a partial line or frame) moves to the next buffer when a batch is built.
/// </remarks>
internal sealed class LineBatchBuilder : IDisposable
{
    private readonly int _initialSize;
    private readonly int _maxLines;
    private LineEntry[]? _entries;

    public LineBatchBuilder(int initialSize, int maxLines)
    {
        _initialSize = initialSize;
        _maxLines = maxLines;
        Buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>The buffer being filled; replaced by a fresh one each time a batch is built.</summary>
    public byte[] Buffer { get; private set; }

    public int Count { get; private set; }

    public bool IsFull => Count >= _maxLines;

    public void Add(int start, int length, long offset, long number)
    {
        _entries ??= ArrayPool<LineEntry>.Shared.Rent(_maxLines);
        _entries[Count++] = new LineEntry { Start = start, Length = length, Offset = offset, Number = number };
    }

    /// <summary>Numbers the collected lines <paramref name="first"/>, <paramref name="first"/> + 1, ...</summary>
    public void NumberFrom(long first)
    {
        var entries = _entries.AsSpan(0, Count);
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i].Number = first + i;
        }
    }

    /// <summary>Forgets the collected lines, keeping the buffer.</summary>
    public void Clear() => Count = 0;

    /// <summary>
    /// Gives the buffer and the collected lines to a new batch; the bytes in [<paramref name="keepStart"/>,
    /// <paramref name="keepEnd"/>) move to the start of a fresh buffer.
    /// </summary>
    public LineBatch Build(ILineSource source, ulong identity, InputPosition checkpoint, int keepStart, int keepEnd)
    {
        var keep = keepEnd - keepStart;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_initialSize, keep + (_initialSize / 2)));
        Buffer.AsSpan(keepStart, keep).CopyTo(next);
        var batch = new LineBatch(source, Buffer, _entries!, Count, identity, checkpoint);
        Buffer = next;
        _entries = null;
        Count = 0;
        return batch;
    }

    /// <summary>Moves the bytes in [<paramref name="start"/>, <paramref name="end"/>) to the buffer's start, in a buffer of at least <paramref name="minSize"/> bytes.</summary>
    /// <remarks>Only when no line is collected: the lines point into the bytes before <paramref name="start"/>.</remarks>
    public void Compact(int start, int end, int minSize)
    {
        var length = end - start;
        if (minSize > Buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(minSize);
            Buffer.AsSpan(start, length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = grown;
        }
        else if (start > 0)
        {
            Buffer.AsSpan(start, length).CopyTo(Buffer);
        }
    }

    public void Dispose()
    {
        if (Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = [];
        }

        if (_entries is not null)
        {
            ArrayPool<LineEntry>.Shared.Return(_entries);
            _entries = null;
        }

        Count = 0;
    }
}
