using Microsoft.Win32.SafeHandles;

namespace Haris.Ingest.Sources;

/// <summary>One open file of a <see cref="FileTailSource"/>: reads past the last read byte and splits lines into batches.</summary>
/// <remarks>
/// Line semantics are <see cref="Reading.LineReader"/>'s (terminator <c>\n</c>, a <c>\r</c> before it dropped, lines
/// over the limit skipped in chunks and counted, never held whole) except at the end of the data: a last line
/// without its <c>\n</c> is held back until it is completed, since the writer may be in the middle of it. Reads use
/// explicit offsets on the handle, so the file position is ours alone and survives the file being renamed.
/// </remarks>
internal sealed class TailFile : IDisposable
{
    private const int BufferSize = 64 * 1024;

    // Below this much free space a read is not worth a system call: make room first.
    private const int MinReadSize = 4 * 1024;

    private readonly int _maxLineLength;
    private readonly LineBatchBuilder _builder;
    private long _bufferOffset;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _skipping;
    private long _lineOffset;

    public TailFile(SafeFileHandle handle, string path, InputPosition start, ulong? fingerprint, int maxLineLength, int maxBatchLines)
    {
        Handle = handle;
        Path = path;
        Fingerprint = fingerprint;
        _maxLineLength = maxLineLength;
        _builder = new LineBatchBuilder(BufferSize, maxBatchLines);
        _bufferOffset = _lineOffset = start.Offset;
        NextLineNumber = start.Number;
    }

    public SafeFileHandle Handle { get; }

    public string Path { get; }

    /// <summary>The file's fingerprint, once known (at the first complete line).</summary>
    public ulong? Fingerprint { get; private set; }

    /// <summary>The offset of the next byte to read: everything before it has been read, lines or not.</summary>
    public long ReadOffset => _bufferOffset + _end;

    public long NextLineNumber { get; private set; }

    /// <summary>The position to resume at: the start of the first line not yet handed out.</summary>
    public InputPosition Resume => new(Fingerprint ?? 0, _lineOffset, NextLineNumber);

    /// <summary>Reads and splits until a batch is ready; null when the file holds nothing more (or was found truncated and reset).</summary>
    /// <exception cref="IOException">The read failed.</exception>
    public LineBatch? ReadBatch(ILineSource source, SourceCounters counters)
    {
        while (true)
        {
            ScanLines(counters);
            if (_builder.IsFull || (_builder.Count > 0 && !MakeRoom()))
            {
                return TakeBatch(source, counters);
            }

            if (_builder.Count == 0)
            {
                MakeRoom();
            }

            var read = RandomAccess.Read(Handle, _builder.Buffer.AsSpan(_end), ReadOffset);
            if (read == 0)
            {
                return _builder.Count > 0 ? TakeBatch(source, counters) : null;
            }

            _end += read;
            counters.AddBytesRead(read);
        }
    }

    /// <summary>Hands out the last line even without its terminator: called when the file is closed for good.</summary>
    public LineBatch? Flush(ILineSource source, SourceCounters counters)
    {
        if (_skipping)
        {
            counters.AddLinesTooLong();
            NextLineNumber++;
        }
        else if (_end > _start)
        {
            AddLine(_end, counters);
        }

        _skipping = false;
        _start = _end;
        _scanned = 0;
        _lineOffset = ReadOffset;
        return _builder.Count > 0 ? TakeBatch(source, counters) : null;
    }

    /// <summary>Starts over at the file's first byte, dropping what was read but not handed out: the file was truncated.</summary>
    public void ResetToStart()
    {
        _builder.Clear();
        _bufferOffset = _lineOffset = 0;
        _start = _end = _scanned = 0;
        _skipping = false;
        NextLineNumber = 1;
        Fingerprint = null;
    }

    public void Dispose()
    {
        _builder.Dispose();
        Handle.Dispose();
    }

    private void ScanLines(SourceCounters counters)
    {
        var buffer = _builder.Buffer;
        while (!_builder.IsFull && _end > _start)
        {
            if (_skipping)
            {
                var end = buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (end < 0)
                {
                    Drop();
                    return;
                }

                // The rest of an over-long line: it was counted as one line when its start was dropped.
                counters.AddLinesTooLong();
                NextLineNumber++;
                _start += end + 1;
                _lineOffset = _bufferOffset + _start;
                _skipping = false;
                continue;
            }

            var newline = buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline < 0)
            {
                _scanned = _end - _start;

                // One byte of slack for a '\r' before the '\n', as LineReader.
                if (_scanned > _maxLineLength + 1)
                {
                    _skipping = true;
                    Drop();
                }

                return;
            }

            AddLine(_start + _scanned + newline, counters);
            _start += _scanned + newline + 1;
            _scanned = 0;
            _lineOffset = _bufferOffset + _start;
        }
    }

    private void AddLine(int lineEnd, SourceCounters counters)
    {
        var length = lineEnd - _start;
        if (length > 0 && _builder.Buffer[lineEnd - 1] == '\r')
        {
            length--;
        }

        if (length > _maxLineLength)
        {
            counters.AddLinesTooLong();
        }
        else
        {
            _builder.Add(_start, length, _lineOffset, NextLineNumber);
        }

        NextLineNumber++;
    }

    // Forgets the pending bytes of an over-long line; the line's start (_lineOffset) stays where it was, so a
    // checkpoint taken meanwhile resumes at the line and skips it again rather than reading its tail as a line.
    private void Drop()
    {
        _bufferOffset += _end - _start;
        _end = _start;
        _scanned = 0;
    }

    // Ensures free space after _end for a read. False when that needs the buffer the collected lines live in.
    private bool MakeRoom()
    {
        var buffer = _builder.Buffer;
        if (buffer.Length - _end >= MinReadSize)
        {
            return true;
        }

        if (_builder.Count > 0)
        {
            return false;
        }

        var pending = _end - _start;
        var size = buffer.Length;
        if (size - pending < MinReadSize)
        {
            // A long line in progress; it stays under _maxLineLength + 2 bytes, beyond which it is dropped.
            size = (int)Math.Min(Math.Max((long)size * 2, pending + MinReadSize), _maxLineLength + 2L + MinReadSize);
        }

        _builder.Compact(_start, _end, size);
        _bufferOffset += _start;
        _end = pending;
        _start = 0;
        return true;
    }

    private LineBatch? TakeBatch(ILineSource source, SourceCounters counters)
    {
        if (Fingerprint is null)
        {
            if (!FileFingerprint.TryCompute(Handle, out var fingerprint))
            {
                // A complete line was read, so the file had a first line: it has been truncated since.
                counters.AddTruncation();
                ResetToStart();
                return null;
            }

            Fingerprint = fingerprint;
        }

        counters.AddLinesRead(_builder.Count);
        var batch = _builder.Build(source, Fingerprint.Value, Resume, _start, _end);
        _bufferOffset += _start;
        _end -= _start;
        _start = 0;
        return batch;
    }
}
