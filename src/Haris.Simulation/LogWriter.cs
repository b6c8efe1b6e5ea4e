using System.Globalization;
using System.Text;

namespace Haris.Simulation;

/// <summary>
/// One output file: a buffered UTF-8 (no BOM) writer with <c>\n</c> line ends that counts lines and formats times
/// in the venue's offset. Numbers go through invariant formatting into stack buffers, so nothing depends on culture.
/// </summary>
internal sealed class LogWriter : IDisposable
{
    private static readonly string[] s_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private readonly StreamWriter _writer;
    private readonly long _startLocalTicks;
    private readonly string _offset;
    private readonly string _isoOffset;
    private long _cachedSecond = long.MinValue;
    private string _cachedTime = string.Empty;

    public LogWriter(Stream stream, DateTimeOffset start)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _startLocalTicks = start.Ticks;
        var offset = start.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        _offset = string.Create(CultureInfo.InvariantCulture, $"{sign}{offset.Hours:00}{offset.Minutes:00}");
        _isoOffset = offset == TimeSpan.Zero ? "Z" : string.Create(CultureInfo.InvariantCulture, $"{sign}{offset.Hours:00}:{offset.Minutes:00}");
    }

    public long Lines { get; private set; }

    /// <summary>The venue offset as logs write it: <c>+0300</c>.</summary>
    public string Offset => _offset;

    public void Write(string text) => _writer.Write(text);

    public void Write(char c) => _writer.Write(c);

    public void Write(long value)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
    }

    /// <summary>Writes <paramref name="text"/> as a JSON string value, quotes included.</summary>
    public void WriteJson(string text)
    {
        _writer.Write('"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\\' or < ' ')
            {
                _writer.Write(text.AsSpan(start, i - start));
                _writer.Write(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                });
                start = i + 1;
            }
        }

        _writer.Write(text.AsSpan(start));
        _writer.Write('"');
    }

    public void EndLine()
    {
        _writer.Write('\n');
        Lines++;
    }

    /// <summary>nginx <c>$time_local</c>: <c>11/Jun/2026:18:00:01 +0300</c>.</summary>
    public void WriteNginxTime(long micros)
    {
        var local = LocalTime(micros, out var second);
        if (second != _cachedSecond)
        {
            _cachedSecond = second;
            _cachedTime = local.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " " + _offset;
        }

        _writer.Write(_cachedTime);
    }

    /// <summary>RFC 3164 timestamp: <c>Jun 11 18:00:01</c>, the day padded with a space (<c>Jun  1</c>).</summary>
    public void WriteSyslogTime(long micros)
    {
        var local = LocalTime(micros, out var second);
        if (second != _cachedSecond)
        {
            _cachedSecond = second;
            _cachedTime = string.Create(
                CultureInfo.InvariantCulture,
                $"{s_months[local.Month - 1]} {local.Day,2} {local:HH:mm:ss}");
        }

        _writer.Write(_cachedTime);
    }

    /// <summary>Suricata's timestamp, quoted: <c>"2026-06-11T18:00:01.123456+0300"</c>.</summary>
    public void WriteEveTime(long micros)
    {
        var local = LocalTime(micros, out var second);
        if (second != _cachedSecond)
        {
            _cachedSecond = second;
            _cachedTime = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }

        _writer.Write('"');
        _writer.Write(_cachedTime);
        _writer.Write('.');
        Span<char> fraction = stackalloc char[6];
        var sub = (int)((local.Ticks % TimeSpan.TicksPerSecond) / 10);
        sub.TryFormat(fraction, out _, "D6", CultureInfo.InvariantCulture);
        _writer.Write(fraction);
        _writer.Write(_offset);
        _writer.Write('"');
    }

    /// <summary>
    /// ISO 8601 to the millisecond, quoted, with <c>Z</c> for a writer started at offset zero and the offset otherwise:
    /// <c>"2026-06-18T14:02:03.417Z"</c>. The sub-millisecond part is cut, never rounded up into the next second.
    /// </summary>
    public void WriteIsoMillisTime(long micros)
    {
        var local = LocalTime(micros, out var second);
        if (second != _cachedSecond)
        {
            _cachedSecond = second;
            _cachedTime = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }

        _writer.Write('"');
        _writer.Write(_cachedTime);
        _writer.Write('.');
        Span<char> fraction = stackalloc char[3];
        var millis = (int)((local.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMillisecond);
        millis.TryFormat(fraction, out _, "D3", CultureInfo.InvariantCulture);
        _writer.Write(fraction);
        _writer.Write(_isoOffset);
        _writer.Write('"');
    }

    /// <summary>An EVE time that is not the line's own (a flow's start): formatted without the cache.</summary>
    public string FormatEveTime(long micros)
    {
        var local = LocalTime(micros, out _);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + _offset;
    }

    public void Dispose() => _writer.Dispose();

    private DateTime LocalTime(long micros, out long second)
    {
        var ticks = _startLocalTicks + (micros * 10);
        second = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder) - (remainder < 0 ? 1 : 0);
        return new DateTime(ticks, DateTimeKind.Unspecified);
    }
}
