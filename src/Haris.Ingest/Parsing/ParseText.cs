using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Small span helpers shared by the parsers: numbers, dates, URL pieces, lower-casing into an event.</summary>
internal static class ParseText
{
    // Characters of a textual IPv4 or IPv6 address, plus '%' for an IPv6 zone id (fe80::1%eth0).
    private static readonly SearchValues<byte> s_ipBytes = SearchValues.Create("0123456789abcdefABCDEF.:%"u8);

    /// <summary>Strips one trailing carriage return, which CRLF files leave on every line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>True when every byte is an ASCII digit and there is at least one.</summary>
    public static bool IsDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    /// <summary>Parses a short run of ASCII digits (at most 9, so it cannot overflow).</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (var b in text)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    /// <summary>Whether a token looks like an IP address rather than a host name; a cheap shape test, not validation.</summary>
    public static bool LooksLikeIp(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > 64 || text.ContainsAnyExcept(s_ipBytes))
        {
            return false;
        }

        // "deadbeef" or "cafe" are host names; an address has a dot (IPv4) or a colon (IPv6).
        return text.IndexOfAny((byte)'.', (byte)':') >= 0;
    }

    /// <summary>Adds <paramref name="value"/> as the client address: <c>source.ip</c> when it looks like one, else <c>source.domain</c>.</summary>
    public static void AddSource(LogEvent evt, ReadOnlySpan<byte> value) => evt.AddUtf8(SourceFieldOf(value), value);

    /// <summary>The field a client address goes to: <c>source.ip</c> when it looks like one, else <c>source.domain</c>.</summary>
    public static int SourceFieldOf(ReadOnlySpan<byte> value) => LooksLikeIp(value) ? KnownFields.SourceIp : IngestFields.SourceDomainId;

    /// <summary>Month number from the English three-letter abbreviation used by syslog and access logs, or 0.</summary>
    public static int Month(ReadOnlySpan<byte> name)
    {
        if (name.Length != 3)
        {
            return 0;
        }

        return (name[0], name[1], name[2]) switch
        {
            ((byte)'J', (byte)'a', (byte)'n') => 1,
            ((byte)'F', (byte)'e', (byte)'b') => 2,
            ((byte)'M', (byte)'a', (byte)'r') => 3,
            ((byte)'A', (byte)'p', (byte)'r') => 4,
            ((byte)'M', (byte)'a', (byte)'y') => 5,
            ((byte)'J', (byte)'u', (byte)'n') => 6,
            ((byte)'J', (byte)'u', (byte)'l') => 7,
            ((byte)'A', (byte)'u', (byte)'g') => 8,
            ((byte)'S', (byte)'e', (byte)'p') => 9,
            ((byte)'O', (byte)'c', (byte)'t') => 10,
            ((byte)'N', (byte)'o', (byte)'v') => 11,
            ((byte)'D', (byte)'e', (byte)'c') => 12,
            _ => 0,
        };
    }

    /// <summary>Builds a time from parts already range-checked here, so no attacker-written date can make the constructor throw.</summary>
    public static bool TryMakeTime(int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes, out DateTimeOffset time)
    {
        time = default;

        // Year 1 and 9999 are excluded because a non-zero offset would push the UTC instant out of range.
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60 || Math.Abs(offsetMinutes) > 14 * 60)
        {
            return false;
        }

        // A leap second (23:59:60) is folded onto :59 rather than refused: the line is real.
        var dateTime = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified).AddTicks(fractionTicks);
        time = new DateTimeOffset(dateTime, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    /// <summary>
    /// Parses an RFC 3339 / ISO 8601 time: <c>yyyy-MM-ddTHH:mm:ss[.f…][Z|±HH:MM|±HHMM]</c>; no offset means UTC.
    /// </summary>
    /// <remarks>Suricata writes <c>+0000</c> without a colon; rsyslog writes <c>+03:00</c>; both are accepted.</remarks>
    public static bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] is not ('T' or 't' or ' ')) || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long ticks = 0;
        if (i < s.Length && s[i] is '.' or ',')
        {
            i++;
            var start = i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                // Digits past the 7th (100 ns) are below tick resolution and are read but dropped.
                if (scale > 1)
                {
                    scale /= 10;
                    ticks += (s[i] - '0') * scale;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var offset = 0;
        if (i < s.Length)
        {
            if (s[i] is 'Z' or 'z')
            {
                i++;
            }
            else if (s[i] is '+' or '-')
            {
                var sign = s[i] == '-' ? -1 : 1;
                i++;
                if (!Digits(s, i, 2, out var oh))
                {
                    return false;
                }

                i += 2;
                var om = 0;
                if (i < s.Length && s[i] == ':')
                {
                    i++;
                }

                if (i + 2 <= s.Length && Digits(s, i, 2, out om))
                {
                    i += 2;
                }

                offset = sign * ((oh * 60) + om);
            }
            else
            {
                return false;
            }
        }

        return i == s.Length && TryMakeTime(year, month, day, hour, minute, second, ticks, offset, out time);
    }

    /// <summary>Parses an ASCII ISO time given as UTF-8 bytes.</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> utf8, out DateTimeOffset time)
    {
        Span<char> chars = stackalloc char[48];
        if (utf8.Length > chars.Length || !System.Text.Ascii.IsValid(utf8))
        {
            time = default;
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return TryParseIso(chars[..utf8.Length], out time);
    }

    /// <summary>Sets <see cref="LogEvent.Timestamp"/> and writes <c>@timestamp</c> as ISO 8601 UTC text (fraction only when non-zero).</summary>
    public static void SetTimestamp(LogEvent evt, DateTimeOffset time)
    {
        evt.Timestamp = time;
        var buffer = evt.BeginValue(MaxIsoUtcLength);
        evt.Commit(KnownFields.Timestamp, FormatIsoUtc(time.UtcDateTime, buffer));
    }

    /// <summary>The longest text <see cref="FormatIsoUtc"/> writes: <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    public const int MaxIsoUtcLength = 28;

    /// <summary>
    /// Writes <paramref name="utc"/> as <c>yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'</c> (the fraction without trailing zeros,
    /// and without its point when it is zero) and returns the length.
    /// </summary>
    /// <remarks>
    /// Every parsed line gets its time as text, so this runs once per event; the culture-aware custom-format path of
    /// <see cref="DateTime.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> cost several times as much.
    /// </remarks>
    public static int FormatIsoUtc(DateTime utc, Span<char> buffer)
    {
        var (date, time) = utc;
        WriteDigits(buffer, 0, date.Year, 4);
        buffer[4] = '-';
        WriteDigits(buffer, 5, date.Month, 2);
        buffer[7] = '-';
        WriteDigits(buffer, 8, date.Day, 2);
        buffer[10] = 'T';
        WriteDigits(buffer, 11, time.Hour, 2);
        buffer[13] = ':';
        WriteDigits(buffer, 14, time.Minute, 2);
        buffer[16] = ':';
        WriteDigits(buffer, 17, time.Second, 2);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            buffer[length++] = '.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            WriteDigits(buffer, length, fraction, digits);
            length += digits;
        }

        buffer[length++] = 'Z';
        return length;
    }

    private static void WriteDigits(Span<char> buffer, int start, int value, int digits)
    {
        for (var i = start + digits - 1; i >= start; i--)
        {
            buffer[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Adds a UTF-8 value lower-cased (protocol names, file extensions), decoding straight into the event.</summary>
    public static void AddLower(LogEvent evt, int fieldId, ReadOnlySpan<byte> utf8)
    {
        var buffer = evt.BeginValue(utf8.Length);
        Utf8.ToUtf16(utf8, buffer, out _, out var written, replaceInvalidSequences: true);
        LowerInPlace(buffer[..written]);
        evt.Commit(fieldId, written);
    }

    /// <summary>Adds a UTF-16 value lower-cased.</summary>
    public static void AddLower(LogEvent evt, int fieldId, ReadOnlySpan<char> text)
    {
        var buffer = evt.BeginValue(text.Length);
        text.CopyTo(buffer);
        LowerInPlace(buffer[..text.Length]);
        evt.Commit(fieldId, text.Length);
    }

    /// <summary>Adds <c>url.original</c>, <c>url.path</c>, <c>url.query</c> (only after a '?') and <c>url.extension</c> from a request target.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="pieces">The raw line the target was read from.</param>
    /// <param name="target">The request target: a slice of the line, or a copy made from it.</param>
    public static void AddUrl(LogEvent evt, in LinePieces pieces, ReadOnlySpan<byte> target)
    {
        pieces.Add(KnownFields.UrlOriginal, target);
        var q = target.IndexOf((byte)'?');
        var path = q < 0 ? target : target[..q];
        pieces.Add(KnownFields.UrlPath, path);
        if (q >= 0)
        {
            pieces.Add(KnownFields.UrlQuery, target[(q + 1)..]);
        }

        var extension = Extension(path);
        if (!extension.IsEmpty)
        {
            AddLower(evt, KnownFields.UrlExtension, extension);
        }
    }

    /// <summary>The UTF-16 twin of <see cref="AddUrl(LogEvent, in LinePieces, ReadOnlySpan{byte})"/>, for URLs already in an event (EVE).</summary>
    public static void AddUrl(LogEvent evt, ReadOnlySpan<char> target)
    {
        evt.Add(KnownFields.UrlOriginal, target);
        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        evt.Add(KnownFields.UrlPath, path);
        if (q >= 0)
        {
            evt.Add(KnownFields.UrlQuery, target[(q + 1)..]);
        }

        var segment = path[(path.LastIndexOf('/') + 1)..];
        var dot = segment.LastIndexOf('.');
        if (dot > 0 && dot < segment.Length - 1)
        {
            AddLower(evt, KnownFields.UrlExtension, segment[(dot + 1)..]);
        }
    }

    private static ReadOnlySpan<byte> Extension(ReadOnlySpan<byte> path)
    {
        var segment = path[(path.LastIndexOf((byte)'/') + 1)..];

        // A leading dot names a hidden file (/.env, /.htaccess), not an extension: the same rule as Python's splitext.
        var dot = segment.LastIndexOf((byte)'.');
        return dot > 0 && dot < segment.Length - 1 ? segment[(dot + 1)..] : default;
    }

    private static void LowerInPlace(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToLowerInvariant(text[i]);
        }
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
