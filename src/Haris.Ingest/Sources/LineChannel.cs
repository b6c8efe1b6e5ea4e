using System.Threading.Channels;

namespace Haris.Ingest.Sources;

/// <summary>Makes the bounded channel that sources write to, and empties it on shutdown.</summary>
public static class LineChannel
{
    /// <summary>A bounded channel of <paramref name="capacity"/> batches whose writers wait when it is full.</summary>
    /// <remarks>
    /// The full mode must be <see cref="BoundedChannelFullMode.Wait"/>: the dropping modes would discard batches without
    /// the source knowing (and never return their buffers), while sources that may drop do it themselves, counted.
    /// Memory held by the channel is at most <paramref name="capacity"/> times the largest batch buffer.
    /// </remarks>
    public static Channel<LineBatch> Create(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return Channel.CreateBounded<LineBatch>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Disposes every batch still in <paramref name="reader"/>, returning their buffers; returns how many lines they held.</summary>
    public static long DisposeRemaining(ChannelReader<LineBatch> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lines = 0;
        while (reader.TryRead(out var batch))
        {
            lines += batch.Count;
            batch.Dispose();
        }

        return lines;
    }
}
