namespace Haris.Ingest.Sources;

/// <summary>The counters of one source at one moment, for metrics and status pages.</summary>
/// <remarks>Counters only grow, except <see cref="ConnectionsOpen"/>. Lines delivered to the channel are <see cref="LinesRead"/> minus <see cref="LinesDropped"/>.</remarks>
public readonly record struct SourceCounterSnapshot
{
    /// <summary>Lines (or syslog messages) read and offered to the channel.</summary>
    public long LinesRead { get; init; }

    /// <summary>Raw bytes read from the file or the sockets, terminators and rejected lines included.</summary>
    public long BytesRead { get; init; }

    /// <summary>Lines over the line-length limit, or syslog frames over the message-size limit: skipped.</summary>
    public long LinesTooLong { get; init; }

    /// <summary>Lines of batches dropped because the channel was full (only sources that drop).</summary>
    public long LinesDropped { get; init; }

    /// <summary>Syslog frames that could not be delimited: a bad octet count (the connection is closed) or a frame cut by the end of the connection.</summary>
    public long MalformedFrames { get; init; }

    /// <summary>Times a tailed file was found shorter than what had been read (copytruncate) and was read again from its start.</summary>
    public long Truncations { get; init; }

    /// <summary>Times a tailed file was found replaced or removed at its path (rotation by rename, deletion).</summary>
    public long Rotations { get; init; }

    /// <summary>Failures to open or read a file (other than its absence), or to accept a connection.</summary>
    public long ReadErrors { get; init; }

    /// <summary>TCP connections accepted.</summary>
    public long ConnectionsAccepted { get; init; }

    /// <summary>TCP connections closed at once because the connection limit was reached.</summary>
    public long ConnectionsRejected { get; init; }

    /// <summary>TCP connections open now.</summary>
    public long ConnectionsOpen { get; init; }

    /// <summary>The message of the last read error, or null when there was none.</summary>
    public string? LastError { get; init; }
}
