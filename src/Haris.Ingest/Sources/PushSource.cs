using System.Security.Cryptography;
using System.Threading.Channels;

namespace Haris.Ingest.Sources;

/// <summary>What became of a block of lines offered to a <see cref="PushSource"/>.</summary>
public enum PushOutcome
{
    /// <summary>Every line is queued for detection.</summary>
    Accepted,

    /// <summary>The pipeline is full: nothing was queued, the caller should retry later.</summary>
    Full,

    /// <summary>The source is not running (the server is starting or stopping): nothing was queued.</summary>
    Stopped,
}

/// <summary>The result of <see cref="PushSource.Push"/>: the outcome and how many lines were queued or skipped as too long.</summary>
public readonly record struct PushResult(PushOutcome Outcome, int LinesAccepted, int LinesTooLong);

/// <summary>Lines pushed by callers rather than read: the HTTP bulk ingest endpoint, one source per dataset and format.</summary>
/// <remarks>
/// A block is queued whole or not at all, so a caller told to retry (full channel) resends exactly what was refused and
/// nothing is counted twice. It never waits on the channel: an HTTP request answers at once, with 429 when it is full.
/// Positions are like syslog's: a random identity per source and a running sequence, so ids derived from them are
/// unique; pushed lines cannot be replayed by the server (the caller holds them).
/// </remarks>
public sealed class PushSource : ILineSource
{
    private readonly SourceCounters _counters = new();
    private readonly ulong _identity = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private readonly Lock _lock = new();
    private readonly int _maxLineLength;
    private ChannelWriter<LineBatch>? _output;
    private long _sequence;

    /// <summary>Creates a source named <paramref name="name"/> whose lines are longer than <paramref name="maxLineLength"/> bytes at most.</summary>
    public PushSource(string name, SourceOptions options, int maxLineLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        options.Validate(nameof(options));
        Name = name;
        Options = options;
        _maxLineLength = maxLineLength;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SourceOptions Options { get; }

    /// <inheritdoc />
    public bool DropsWhenFull => true;

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<LineBatch> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_lock)
        {
            if (_output is not null)
            {
                throw new InvalidOperationException($"source '{Name}' is already running");
            }

            _output = output;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of a source.
        }
        finally
        {
            lock (_lock)
            {
                _output = null;
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="text"/> into lines (LF or CRLF; blank lines skipped, lines over the limit skipped and counted)
    /// and queues them as one batch, or nothing when the channel is full.
    /// </summary>
    public PushResult Push(ReadOnlySpan<byte> text)
    {
        using var builder = new LineBatchBuilder(Math.Max(text.Length, 1), Math.Max(CountLines(text), 1));
        text.CopyTo(builder.Buffer);
        var tooLong = 0;
        var start = 0;
        while (start < text.Length)
        {
            var newline = text[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? text.Length : start + newline;
            var length = end - start;
            if (length > 0 && text[end - 1] == '\r')
            {
                length--;
            }

            if (length > _maxLineLength)
            {
                tooLong++;
            }
            else if (length > 0)
            {
                builder.Add(start, length, 0, 0);
            }

            start = end + 1;
        }

        if (builder.Count == 0)
        {
            _counters.AddLinesTooLong(tooLong);
            return new PushResult(PushOutcome.Accepted, 0, tooLong);
        }

        lock (_lock)
        {
            if (_output is null)
            {
                return new PushResult(PushOutcome.Stopped, 0, 0);
            }

            // Numbered under the lock, so sequences follow the order batches enter the channel.
            var first = _sequence + 1;
            builder.NumberFrom(first);
            var count = builder.Count;
            var batch = builder.Build(this, _identity, new InputPosition(_identity, 0, first + count), 0, 0);
            if (!_output.TryWrite(batch))
            {
                batch.Dispose();
                _counters.AddLinesDropped(count);
                _counters.AddLinesRead(count);
                return new PushResult(PushOutcome.Full, 0, 0);
            }

            _sequence += count;
            _counters.AddLinesRead(count);
            _counters.AddBytesRead(text.Length);
            _counters.AddLinesTooLong(tooLong);
            return new PushResult(PushOutcome.Accepted, count, tooLong);
        }
    }

    /// <inheritdoc />
    /// <remarks>Pushed lines cannot be replayed, so there is nothing to keep.</remarks>
    public void Commit(InputPosition checkpoint)
    {
    }

    /// <inheritdoc />
    public SourceCounterSnapshot GetCounters() => _counters.Snapshot();

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static int CountLines(ReadOnlySpan<byte> text) => text.Count((byte)'\n') + 1;
}
