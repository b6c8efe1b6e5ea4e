namespace Haris.Ingest.Sources;

/// <summary>Where a line came from: the input's identity, the byte offset of the line's start and the line's number.</summary>
/// <remarks>
/// <para>For a tailed file, <see cref="Identity"/> is the fingerprint of the file's first line (see
/// <see cref="FileTailSource"/>), <see cref="Offset"/> the byte offset of the line's first byte and <see cref="Number"/> its 1-based line number:
/// reading the same file again, after a restart too, yields the same positions, so ids derived from them repeat.</para>
/// <para>For a syslog receiver, <see cref="Identity"/> is drawn at random when the receiver is created,
/// <see cref="Offset"/> is zero and <see cref="Number"/> is the 1-based receive sequence: positions are unique but a
/// message cannot be received twice, so there is nothing to replay.</para>
/// <para>As a checkpoint (<see cref="LineBatch.Checkpoint"/>, <see cref="ILineSource.Commit"/>), a position names the
/// first line not yet processed: everything before it is done.</para>
/// </remarks>
/// <param name="Identity">The file fingerprint, or the receiver's random session id.</param>
/// <param name="Offset">The byte offset of the line's start in the file; zero for syslog.</param>
/// <param name="Number">The 1-based line number in the file, or the receive sequence for syslog.</param>
public readonly record struct InputPosition(ulong Identity, long Offset, long Number);
