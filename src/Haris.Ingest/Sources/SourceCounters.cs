namespace Haris.Ingest.Sources;

/// <summary>The live counters of one source: updated with <see cref="Interlocked"/> once per batch or event, read as a snapshot.</summary>
/// <remarks>Sources update a counter before writing the batch it concerns, so a consumer that has read a batch sees it counted.</remarks>
internal sealed class SourceCounters
{
    private long _linesRead;
    private long _bytesRead;
    private long _linesTooLong;
    private long _linesDropped;
    private long _malformedFrames;
    private long _truncations;
    private long _rotations;
    private long _readErrors;
    private long _connectionsAccepted;
    private long _connectionsRejected;
    private long _connectionsOpen;
    private string? _lastError;

    public void AddLinesRead(long count) => Interlocked.Add(ref _linesRead, count);

    public void AddBytesRead(long count) => Interlocked.Add(ref _bytesRead, count);

    public void AddLinesTooLong(long count = 1) => Interlocked.Add(ref _linesTooLong, count);

    public void AddLinesDropped(long count) => Interlocked.Add(ref _linesDropped, count);

    public void AddMalformedFrame() => Interlocked.Increment(ref _malformedFrames);

    public void AddTruncation() => Interlocked.Increment(ref _truncations);

    public void AddRotation() => Interlocked.Increment(ref _rotations);

    public void AddReadError(string message)
    {
        Volatile.Write(ref _lastError, message);
        Interlocked.Increment(ref _readErrors);
    }

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsAccepted);
        Interlocked.Increment(ref _connectionsOpen);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _connectionsOpen);

    public void AddConnectionRejected() => Interlocked.Increment(ref _connectionsRejected);

    public SourceCounterSnapshot Snapshot() => new()
    {
        LinesRead = Interlocked.Read(ref _linesRead),
        BytesRead = Interlocked.Read(ref _bytesRead),
        LinesTooLong = Interlocked.Read(ref _linesTooLong),
        LinesDropped = Interlocked.Read(ref _linesDropped),
        MalformedFrames = Interlocked.Read(ref _malformedFrames),
        Truncations = Interlocked.Read(ref _truncations),
        Rotations = Interlocked.Read(ref _rotations),
        ReadErrors = Interlocked.Read(ref _readErrors),
        ConnectionsAccepted = Interlocked.Read(ref _connectionsAccepted),
        ConnectionsRejected = Interlocked.Read(ref _connectionsRejected),
        ConnectionsOpen = Interlocked.Read(ref _connectionsOpen),
        LastError = Volatile.Read(ref _lastError),
    };
}
