using System.Buffers;
using System.Runtime.CompilerServices;

namespace Haris.Ingest.Reading;

/// <summary>Splits a stream into lines without allocating per line, skipping (and reporting) lines over a length limit.</summary>
/// <remarks>
/// Lines end at <c>\n</c>; a <c>\r</c> before it is dropped; a last line without a terminator is still a line. Bytes
/// are not interpreted otherwise, so NUL bytes and invalid UTF-8 pass through to the parser. The buffer comes from
/// <see cref="ArrayPool{T}.Shared"/> and grows to at most <see cref="MaxLineLength"/> plus two bytes: an over-long line
/// is read past in chunks, never held whole.
/// </remarks>
public sealed class LineReader : IDisposable
{
    /// <summary>The default longest line kept: 4 MiB.</summary>
    public const int DefaultMaxLineLength = 4 * 1024 * 1024;

    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _sourceName;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start;
    private int _end;

    // Bytes after _start already searched for '\n', so a long line being filled in is not searched again from its start.
    private int _scanned;
    private bool _eof;
    private bool _skipping;

    /// <summary>Creates a reader over <paramref name="stream"/>, which it disposes unless <paramref name="leaveOpen"/> is set.</summary>
    /// <param name="stream">The input, already decompressed.</param>
    /// <param name="maxLineLength">The longest line returned, in bytes, without its terminator.</param>
    /// <param name="sourceName">The input's name for error messages.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    public LineReader(Stream stream, int maxLineLength = DefaultMaxLineLength, string? sourceName = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineLength, Array.MaxLength - 2);
        _stream = stream;
        MaxLineLength = maxLineLength;
        _sourceName = sourceName ?? "input";
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, maxLineLength + 2));
    }

    /// <summary>The longest line returned; longer lines are skipped and flagged by <see cref="LastLineTooLong"/>.</summary>
    public int MaxLineLength { get; }

    /// <summary>The 1-based number of the line last returned (over-long lines count).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was over <see cref="MaxLineLength"/>: it came back empty and should be counted malformed.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>Reads the next line; the span is valid until the next call. False at the end of the input.</summary>
    /// <exception cref="InputException">The stream failed (a truncated gzip file, a read error).</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        LastLineTooLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _start + _scanned + newline;
                var content = _buffer.AsSpan(_start, lineEnd - _start);
                _start = lineEnd + 1;
                _scanned = 0;
                var skipped = _skipping;
                _skipping = false;
                return Emit(skipped, content, out line);
            }

            _scanned = _end - _start;
            if (_skipping || _scanned > MaxLineLength + 1)
            {
                // Too long whatever follows (one byte of slack is for a '\r' before the '\n'): drop what we hold.
                _skipping = true;
                _start = _end = _scanned = 0;
            }

            if (_eof)
            {
                if (_skipping || _end > _start)
                {
                    var content = _buffer.AsSpan(_start, _end - _start);
                    var skipped = _skipping;
                    _start = _end = _scanned = 0;
                    _skipping = false;
                    return Emit(skipped, content, out line);
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>Returns the buffer to the pool and, unless asked not to, disposes the stream.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = _scanned = 0;
        _eof = true;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Emit(bool skipped, ReadOnlySpan<byte> content, out ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (content.Length > 0 && content[^1] == '\r')
        {
            content = content[..^1];
        }

        if (skipped || content.Length > MaxLineLength)
        {
            LastLineTooLong = true;
            line = default;
            return true;
        }

        line = content;
        return true;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Only reached while the pending line is at most MaxLineLength + 1 bytes, so this stays bounded.
            var size = (int)Math.Min((long)_buffer.Length * 2, MaxLineLength + 2L);
            var grown = ArrayPool<byte>.Shared.Rent(size);
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }

        int read;
        try
        {
            read = _stream.Read(_buffer.AsSpan(_end));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{_sourceName}': {ex.Message}", ex);
        }

        if (read == 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}
