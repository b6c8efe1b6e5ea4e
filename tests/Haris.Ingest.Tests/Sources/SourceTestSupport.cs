using System.Text;
using System.Threading.Channels;
using Haris.Ingest.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Ingest.Tests.Sources;

/// <summary>A line taken out of a batch, as text, with its position.</summary>
internal sealed record ReceivedLine(string Text, InputPosition Position);

/// <summary>Reads lines off a source channel, waiting with a timeout and failing with what did arrive.</summary>
internal sealed class LineCollector(ChannelReader<LineBatch> reader)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Queue<ReceivedLine> _pending = new();

    /// <summary>The checkpoint of the last batch taken.</summary>
    public InputPosition LastCheckpoint { get; private set; }

    /// <summary>Whether a line is ready without waiting.</summary>
    public bool HasPending => _pending.Count > 0 || reader.TryPeek(out _);

    public async Task<List<ReceivedLine>> ReadAsync(int count)
    {
        var lines = new List<ReceivedLine>(count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        while (lines.Count < count)
        {
            if (_pending.TryDequeue(out var line))
            {
                lines.Add(line);
                continue;
            }

            LineBatch batch;
            try
            {
                batch = await reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"expected {count} lines within {Timeout.TotalSeconds} s, got {lines.Count}: [{string.Join(" | ", lines.Select(l => l.Text))}]");
                throw;
            }

            using (batch)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    _pending.Enqueue(new ReceivedLine(Encoding.UTF8.GetString(batch.GetLine(i)), batch.GetPosition(i)));
                }

                LastCheckpoint = batch.Checkpoint;
            }
        }

        return lines;
    }

    public async Task<List<string>> ReadTextsAsync(int count) => [.. (await ReadAsync(count)).Select(l => l.Text)];
}

/// <summary>A fake clock that reports each timer created, i.e. each time a source goes back to waiting.</summary>
internal sealed class StepTimeProvider : FakeTimeProvider, IDisposable
{
    private readonly SemaphoreSlim _timers = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Waits until the source has read all it can and started its poll delay.</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await _timers.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken))
        {
            Assert.Fail("the source never went back to waiting for its next poll");
        }
    }

    public void Dispose() => _timers.Dispose();
}

/// <summary>Passes batches to a channel and reports every attempt, written or refused, so a test can wait for a drop.</summary>
internal sealed class RecordingWriter(ChannelWriter<LineBatch> inner) : ChannelWriter<LineBatch>, IDisposable
{
    private readonly SemaphoreSlim _offers = new(0);
    private long _linesOffered;

    public override bool TryWrite(LineBatch item)
    {
        var count = item.Count;
        var written = inner.TryWrite(item);
        Interlocked.Add(ref _linesOffered, count);
        _offers.Release();
        return written;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        inner.WaitToWriteAsync(cancellationToken);

    public async Task WaitForLinesOfferedAsync(long count)
    {
        while (Interlocked.Read(ref _linesOffered) < count)
        {
            if (!await _offers.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken))
            {
                Assert.Fail($"expected {count} lines offered to the channel, got {Interlocked.Read(ref _linesOffered)}");
            }
        }
    }

    public void Dispose() => _offers.Dispose();
}
