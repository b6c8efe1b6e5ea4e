using System.Threading.Channels;

namespace Haris.Ingest.Sources;

/// <summary>An input that reads raw lines and writes them, in batches, to a bounded channel.</summary>
/// <remarks>
/// A source is run once with <see cref="RunAsync"/>. When the channel is full, a source either waits (files, TCP:
/// nothing is lost, the sender or the file waits) or drops the batch and counts its lines
/// (<see cref="DropsWhenFull"/>: UDP, where waiting would only move the loss into the kernel's socket buffer).
/// </remarks>
public interface ILineSource : IDisposable
{
    /// <summary>The source's name, as alerts and counters show it: the file path or the listening endpoint unless configured.</summary>
    string Name { get; }

    /// <summary>The options the source was created with (format, dataset, limits).</summary>
    SourceOptions Options { get; }

    /// <summary>Whether a full channel makes the source drop batches (counted) rather than wait.</summary>
    bool DropsWhenFull { get; }

    /// <summary>Reads until <paramref name="cancellationToken"/> is cancelled or the channel is completed, then returns normally.</summary>
    /// <remarks>The channel should be made by <see cref="LineChannel.Create"/>; the source never completes it, since sources usually share one.</remarks>
    Task RunAsync(ChannelWriter<LineBatch> output, CancellationToken cancellationToken);

    /// <summary>Acknowledges that every line before <paramref name="checkpoint"/> is fully processed (its alerts stored).</summary>
    /// <remarks>
    /// Commit in the order the batches were read: the last commit wins. Only file sources keep it (durably, through
    /// their <see cref="OffsetStore"/>); syslog cannot replay, so its receivers ignore it.
    /// </remarks>
    void Commit(InputPosition checkpoint);

    /// <summary>A consistent-enough copy of the source's counters, safe to take from any thread.</summary>
    SourceCounterSnapshot GetCounters();
}
