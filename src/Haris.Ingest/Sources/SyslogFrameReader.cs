namespace Haris.Ingest.Sources;

/// <summary>Splits a syslog TCP stream into messages, with either framing of RFC 6587, chosen per message.</summary>
/// <remarks>
/// <para>A frame that starts with a digit is octet-counted (RFC 6587 §3.4.1: <c>MSG-LEN SP SYSLOG-MSG</c>, MSG-LEN
/// a decimal without leading zero); any other is non-transparent (§3.4.2), ended by LF, or by NUL as some senders do,
/// a CR before the LF dropped. A message never starts with a digit (RFC 5424 and 3164 messages start with
/// <c>&lt;PRI&gt;</c>), which is how rsyslog tells the framings apart too. Stray LF, CR and NUL between frames are
/// skipped, and a trailing LF, CR or NUL inside an octet-counted frame is not part of the message.</para>
/// <para>A frame over the size limit is skipped without holding it, counted, and the connection kept: an
/// octet-counted one by its count, a non-transparent one up to its terminator. An octet count that is not a number
/// followed by a space cannot be skipped (the stream is out of step), so it is counted and <see cref="IsMalformed"/>
/// asks for the connection to be closed.</para>
/// <para>The caller receives straight into <see cref="GetReadBuffer"/>; messages are slices of that buffer.</para>
/// </remarks>
internal sealed class SyslogFrameReader : IDisposable
{
    // Ten digits already exceed any size limit; more is not a count a sender would mean.
    private const int MaxCountDigits = 10;
    private const int BufferSize = 16 * 1024;
    private const int MinReadSize = 1024;

    private readonly int _maxMessageSize;
    private readonly SourceCounters _counters;
    private readonly LineBatchBuilder _builder;
    private int _start;
    private int _end;
    private int _scanned;
    private long _skipOctets;
    private bool _skipLine;

    public SyslogFrameReader(int maxMessageSize, int maxBatchLines, SourceCounters counters)
    {
        _maxMessageSize = maxMessageSize;
        _counters = counters;
        _builder = new LineBatchBuilder(BufferSize, maxBatchLines);
    }

    /// <summary>Whether a bad octet count was met: the connection should be closed (it has been counted).</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>The number of messages collected and not yet taken.</summary>
    public int Count => _builder.Count;

    /// <summary>Whether nothing is pending: no partial frame, nothing being skipped, no message waiting.</summary>
    public bool IsEmpty => _end == _start && _builder.Count == 0 && _skipOctets == 0 && !_skipLine;

    /// <summary>Free space to receive into; call only when <see cref="Count"/> is zero.</summary>
    public Memory<byte> GetReadBuffer()
    {
        var buffer = _builder.Buffer;
        if (buffer.Length - _end < MinReadSize)
        {
            var pending = _end - _start;

            // A frame in progress is at most the limit plus its octet count and terminator, beyond which it is skipped.
            var size = Math.Max(buffer.Length, (int)Math.Min((long)pending * 2 + MinReadSize, _maxMessageSize + 16L + MinReadSize));
            _builder.Compact(_start, _end, size);
            _end = pending;
            _start = 0;
        }

        return _builder.Buffer.AsMemory(_end);
    }

    /// <summary>Takes in <paramref name="count"/> bytes received into <see cref="GetReadBuffer"/>.</summary>
    public void Advance(int count)
    {
        _end += count;
        _counters.AddBytesRead(count);
    }

    /// <summary>Cuts frames from the received bytes until the batch is full (returns true: take it and call again) or more bytes are needed.</summary>
    public bool Parse()
    {
        var buffer = _builder.Buffer;
        while (_start < _end && !IsMalformed)
        {
            if (_builder.IsFull)
            {
                return true;
            }

            if (_skipOctets > 0)
            {
                var skip = (int)Math.Min(_skipOctets, _end - _start);
                _start += skip;
                _skipOctets -= skip;
                continue;
            }

            if (_skipLine)
            {
                var terminator = buffer.AsSpan(_start, _end - _start).IndexOfAny((byte)'\n', (byte)0);
                if (terminator < 0)
                {
                    _start = _end;
                    break;
                }

                _start += terminator + 1;
                _skipLine = false;
                continue;
            }

            var first = buffer[_start];
            if (first is (byte)'\n' or (byte)'\r' or 0)
            {
                _start++;
            }
            else if (char.IsAsciiDigit((char)first))
            {
                if (!ParseOctetCounted(buffer))
                {
                    break;
                }
            }
            else if (!ParseNonTransparent(buffer))
            {
                break;
            }
        }

        return false;
    }

    /// <summary>The connection ended: a partial non-transparent frame is a message, a partial octet-counted frame is counted malformed.</summary>
    public void Complete()
    {
        if (IsMalformed)
        {
            return;
        }

        if (_skipOctets > 0)
        {
            _counters.AddMalformedFrame();
        }
        else if (_end > _start && !_skipLine)
        {
            if (char.IsAsciiDigit((char)_builder.Buffer[_start]))
            {
                _counters.AddMalformedFrame();
            }
            else
            {
                AddMessage(_start, _end - _start);
            }
        }

        _start = _end;
        _skipOctets = 0;
        _skipLine = false;
    }

    /// <summary>The connection broke: what is pending cannot be known to be whole, so it is counted malformed and dropped.</summary>
    public void Abort()
    {
        if (!IsMalformed && (_skipOctets > 0 || _end > _start))
        {
            _counters.AddMalformedFrame();
        }

        _start = _end;
        _skipOctets = 0;
        _skipLine = false;
    }

    /// <summary>Hands the collected messages to a batch numbered from <paramref name="firstSequence"/>.</summary>
    public LineBatch TakeBatch(ILineSource source, ulong session, long firstSequence)
    {
        var count = _builder.Count;
        _builder.NumberFrom(firstSequence);
        _counters.AddLinesRead(count);
        var batch = _builder.Build(source, session, new InputPosition(session, 0, firstSequence + count), _start, _end);
        _end -= _start;
        _start = 0;
        return batch;
    }

    public void Dispose() => _builder.Dispose();

    private bool ParseOctetCounted(byte[] buffer)
    {
        var i = _start;
        long length = 0;
        while (i < _end && i - _start < MaxCountDigits && char.IsAsciiDigit((char)buffer[i]))
        {
            length = (length * 10) + (buffer[i] - '0');
            i++;
        }

        if (i == _end && i - _start < MaxCountDigits)
        {
            return false;
        }

        if (i == _end || buffer[i] != ' ' || buffer[_start] == '0')
        {
            IsMalformed = true;
            _counters.AddMalformedFrame();
            return false;
        }

        var header = i - _start + 1;
        if (length > _maxMessageSize)
        {
            _counters.AddLinesTooLong();
            _start += header;
            _skipOctets = length;
            return true;
        }

        if (_end - _start - header < length)
        {
            return false;
        }

        var messageLength = (int)length;
        AddMessage(_start + header, messageLength);
        _start += header + messageLength;
        return true;
    }

    private bool ParseNonTransparent(byte[] buffer)
    {
        var terminator = buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOfAny((byte)'\n', (byte)0);
        if (terminator < 0)
        {
            _scanned = _end - _start;

            // One byte of slack for the CR of a CR LF.
            if (_scanned > _maxMessageSize + 1)
            {
                _counters.AddLinesTooLong();
                _skipLine = true;
                _start = _end;
                _scanned = 0;
            }

            return false;
        }

        var frameEnd = _start + _scanned + terminator;
        AddMessage(_start, frameEnd - _start);
        _start = frameEnd + 1;
        _scanned = 0;
        return true;
    }

    private void AddMessage(int start, int length)
    {
        var buffer = _builder.Buffer;
        while (length > 0 && buffer[start + length - 1] is (byte)'\n' or (byte)'\r' or 0)
        {
            length--;
        }

        if (length > _maxMessageSize)
        {
            _counters.AddLinesTooLong();
        }
        else if (length > 0)
        {
            _builder.Add(start, length, 0, 0);
        }
    }
}
