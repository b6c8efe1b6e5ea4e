using System.Buffers;
using System.Runtime.CompilerServices;
using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Parses nginx and Apache access logs in the <c>combined</c> or <c>common</c> format, tolerating extra trailing fields.</summary>
/// <remarks>
/// <para>Fields: <c>source.ip</c> (or <c>source.domain</c> for a resolved host name), <c>user.name</c>, <c>@timestamp</c>,
/// <c>http.request.line</c> (the request text as logged, always), <c>http.request.method</c>, <c>url.original</c>,
/// <c>url.path</c>, <c>url.query</c>, <c>url.extension</c>, <c>http.version</c> (these only for a well-formed
/// <c>METHOD TARGET HTTP/x</c> line), <c>http.response.status_code</c>, <c>http.response.body.bytes</c>,
/// <c>http.request.referrer</c>, <c>user_agent.original</c>, <c>http.request.x_forwarded_for</c> (a third quoted field
/// after the user agent, as in nginx's default <c>main</c> format), <c>event.original</c>, <c>event.dataset</c>.</para>
/// <para>A <c>-</c> in user, referrer, user agent or bytes means "not sent" and leaves the field absent. Unquoted
/// trailing tokens (request time, upstream address) are accepted and not interpreted: their unit and meaning depend on
/// a log format we cannot see.</para>
/// </remarks>
public sealed class CombinedLogParser : ILogParser
{
    private const string DatasetName = "web.access";

    // Length of 10/Oct/2000:13:55:36 -0700.
    private const int TimeLength = 26;

    // Apache escapes '"' and '\' with a backslash; nginx writes \x22 and \x5C, which we keep as logged.
    private static readonly SearchValues<byte> s_quoteOrBackslash = SearchValues.Create("\"\\"u8);

    // RFC 9110 token characters are wider, but real methods are letters; this rejects TLS bytes and binary noise.
    private static readonly SearchValues<byte> s_methodBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"u8);

    // Owned by this instance (one per thread): holds a quoted field while its escapes are undone.
    private byte[] _unescaped = new byte[512];

    // Owned by this instance too: the last [time] field, parsed and formatted, which the next lines mostly repeat.
    private readonly TimeTextCache _lastTime = new(TryParseTime);

    /// <inheritdoc />
    public LogFormat Format => LogFormat.Combined;

    /// <inheritdoc />
    public bool TryParse(ReadOnlySpan<byte> line, LogEvent evt, out string? error)
    {
        line = ParseText.TrimCr(line);
        if (line.IsEmpty)
        {
            error = "empty line";
            return false;
        }

        var rest = line;
        var sp = rest.IndexOf((byte)' ');
        if (sp <= 0)
        {
            error = "no client address";
            return false;
        }

        var client = rest[..sp];
        rest = rest[(sp + 1)..];

        // The ident field (RFC 1413) is always '-' in practice and carries nothing we use. The common shapes of this
        // field, the user and the time are tested before searching: a search costs more than the test on short fields.
        sp = rest.StartsWith("- "u8) ? 1 : rest.IndexOf((byte)' ');
        if (sp < 0)
        {
            error = "missing fields";
            return false;
        }

        rest = rest[(sp + 1)..];

        // nginx does not escape spaces in $remote_user, so the user runs up to " [" rather than the next space.
        var bracket = rest.StartsWith("- ["u8) ? 1 : rest.IndexOf(" ["u8);
        if (bracket < 0)
        {
            error = "no [time] field";
            return false;
        }

        var user = rest[..bracket];
        rest = rest[(bracket + 2)..];
        // No ']' can stand inside a time that parses, so taking the one after a well-formed time is taking the first.
        var close = rest.Length > TimeLength && rest[TimeLength] == ']' ? TimeLength : rest.IndexOf((byte)']');
        if (close < 0 || !_lastTime.TryGet(rest[..close]))
        {
            error = "bad [time] field";
            return false;
        }

        rest = rest[(close + 1)..];
        if (!rest.StartsWith(" \""u8))
        {
            error = "no quoted request";
            return false;
        }

        rest = rest[2..];
        var end = FindClosingQuote(rest, out var requestEscaped);
        if (end < 0)
        {
            error = "unterminated quote";
            return false;
        }

        var request = rest[..end];
        rest = rest[(end + 1)..];

        if (!TakeToken(ref rest, out var status) || !(status.Length == 3 && ParseText.IsDigits(status)) && !IsDash(status))
        {
            error = "bad status code";
            return false;
        }

        if (!TakeToken(ref rest, out var bytes) || !ParseText.IsDigits(bytes) && !IsDash(bytes))
        {
            error = "bad bytes field";
            return false;
        }

        // Every value taken from the line as it stands is marked so, which lets searches over the whole event look once
        // in event.original instead of in each of them; unescaped values are not pieces of the line. An ASCII line is
        // transcoded once and its values are slices of that text.
        var pieces = new LinePieces(evt, line);
        pieces.Add(ParseText.SourceFieldOf(client), client);
        if (!IsDash(user) && !user.IsEmpty)
        {
            pieces.Add(KnownFields.UserName, user);
        }

        _lastTime.SetTimestamp(evt);
        AddRequest(evt, pieces, requestEscaped ? Unescape(request) : request);
        if (!IsDash(status))
        {
            pieces.Add(KnownFields.HttpResponseStatusCode, status, FieldValueKind.Number);
        }

        if (!IsDash(bytes))
        {
            pieces.Add(KnownFields.HttpResponseBodyBytes, bytes, FieldValueKind.Number);
        }

        if (!AddTrailingFields(pieces, rest))
        {
            error = "unterminated quote";
            return false;
        }

        pieces.AddLine(KnownFields.EventOriginal);
        evt.Add(KnownFields.EventDataset, DatasetName);
        evt.Logsource = Logsource.Webserver;
        error = null;
        return true;
    }

    /// <summary>Parses <c>10/Oct/2000:13:55:36 -0700</c>, the <c>%t</c> / <c>$time_local</c> format.</summary>
    internal static bool TryParseTime(ReadOnlySpan<byte> s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length != TimeLength || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':' || s[20] != ' '
            || s[21] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        var month = ParseText.Month(s.Slice(3, 3));
        if (month == 0
            || !ParseText.TryParseInt(s[..2], out var day) || !ParseText.TryParseInt(s.Slice(7, 4), out var year)
            || !ParseText.TryParseInt(s.Slice(12, 2), out var hour) || !ParseText.TryParseInt(s.Slice(15, 2), out var minute)
            || !ParseText.TryParseInt(s.Slice(18, 2), out var second)
            || !ParseText.TryParseInt(s.Slice(22, 2), out var offsetHours) || !ParseText.TryParseInt(s.Slice(24, 2), out var offsetMinutes))
        {
            return false;
        }

        var offset = ((offsetHours * 60) + offsetMinutes) * (s[21] == '-' ? -1 : 1);
        return ParseText.TryMakeTime(year, month, day, hour, minute, second, 0, offset, out time);
    }

    private static void AddRequest(LogEvent evt, in LinePieces pieces, ReadOnlySpan<byte> request)
    {
        pieces.Add(IngestFields.HttpRequestLineId, request);

        // Split on the first and the last space so a target with a raw space (which nginx logs as sent) stays whole.
        var first = request.IndexOf((byte)' ');
        var last = request.LastIndexOf((byte)' ');
        if (first <= 0 || last <= first + 1)
        {
            return;
        }

        var method = request[..first];
        var target = request[(first + 1)..last];
        var version = request[(last + 1)..];
        if (method.ContainsAnyExcept(s_methodBytes) || !version.StartsWith("HTTP/"u8) || !IsVersionNumber(version[5..]))
        {
            return;
        }

        pieces.Add(KnownFields.HttpRequestMethod, method);
        ParseText.AddUrl(evt, pieces, target);
        pieces.Add(KnownFields.HttpVersion, version[5..]);
    }

    private static bool IsVersionNumber(ReadOnlySpan<byte> v) =>
        v.Length switch
        {
            1 => char.IsAsciiDigit((char)v[0]),
            3 => char.IsAsciiDigit((char)v[0]) && v[1] == '.' && char.IsAsciiDigit((char)v[2]),
            _ => false,
        };

    private bool AddTrailingFields(in LinePieces pieces, ReadOnlySpan<byte> rest)
    {
        var quoted = 0;
        while (true)
        {
            // Spaces between trailing fields, counted in place: MemoryExtensions.TrimStart is not inlined here.
            var blanks = 0;
            while (blanks < rest.Length && rest[blanks] == ' ')
            {
                blanks++;
            }

            rest = rest[blanks..];
            if (rest.IsEmpty)
            {
                return true;
            }

            if (rest[0] != '"')
            {
                var sp = rest.IndexOf((byte)' ');
                rest = sp < 0 ? default : rest[sp..];
                continue;
            }

            rest = rest[1..];
            var end = FindClosingQuote(rest, out var escaped);
            if (end < 0)
            {
                return false;
            }

            var value = rest[..end];
            rest = rest[(end + 1)..];
            var fieldId = quoted++ switch
            {
                0 => KnownFields.HttpRequestReferrer,
                1 => KnownFields.UserAgentOriginal,
                2 => IngestFields.HttpRequestXForwardedForId,
                _ => -1,
            };

            if (fieldId >= 0 && !IsDash(value))
            {
                pieces.Add(fieldId, escaped ? Unescape(value) : value);
            }
        }
    }

    /// <summary>Index of the quote that closes a field whose opening quote is already consumed, or -1.</summary>
    private static int FindClosingQuote(ReadOnlySpan<byte> s, out bool escaped)
    {
        escaped = false;
        var i = 0;
        while (true)
        {
            var j = s[i..].IndexOfAny(s_quoteOrBackslash);
            if (j < 0)
            {
                return -1;
            }

            i += j;
            if (s[i] == '"')
            {
                return i;
            }

            escaped = true;
            i += 2;
            if (i >= s.Length)
            {
                return -1;
            }
        }
    }

    /// <summary>Undoes Apache's <c>\"</c> and <c>\\</c>; other backslash sequences (nginx's <c>\x22</c>) stay as logged.</summary>
    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> value)
    {
        if (_unescaped.Length < value.Length)
        {
            _unescaped = new byte[Math.Max(value.Length, _unescaped.Length * 2)];
        }

        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == '\\' && i + 1 < value.Length && value[i + 1] is (byte)'"' or (byte)'\\')
            {
                b = value[++i];
            }

            _unescaped[written++] = b;
        }

        return _unescaped.AsSpan(0, written);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TakeToken(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        if (rest.IsEmpty || rest[0] != ' ')
        {
            token = default;
            return false;
        }

        rest = rest[1..];
        var sp = rest.IndexOf((byte)' ');
        token = sp < 0 ? rest : rest[..sp];
        rest = sp < 0 ? default : rest[sp..];
        return !token.IsEmpty;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDash(ReadOnlySpan<byte> value) => value.Length == 1 && value[0] == '-';
}
