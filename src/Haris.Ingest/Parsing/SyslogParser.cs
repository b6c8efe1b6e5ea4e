using System.Text.Unicode;
using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Parses syslog: RFC 3164 (with or without <c>&lt;PRI&gt;</c>, classic or ISO time) and RFC 5424 with structured data.</summary>
/// <remarks>
/// <para>Fields: <c>log.syslog.priority</c>, <c>log.syslog.facility.name</c>, <c>log.syslog.severity.name</c> (only
/// with a <c>&lt;PRI&gt;</c>), <c>@timestamp</c>, <c>host.name</c>, <c>process.name</c>, <c>process.pid</c>,
/// <c>message</c>, <c>event.original</c>; RFC 5424 adds <c>log.syslog.version</c>, <c>log.syslog.appname</c>,
/// <c>log.syslog.msgid</c> and <c>log.syslog.structured_data.&lt;SDID&gt;.&lt;param&gt;</c>. sshd, sudo and PAM
/// messages are decoded into <c>user.name</c>, <c>source.ip</c>, <c>source.port</c>, <c>event.action</c>,
/// <c>event.outcome</c>, <c>user.target.name</c>, <c>process.command_line</c> and
/// <c>process.working_directory</c> (see <see cref="AuthMessages"/>).</para>
/// <para>RFC 3164 times carry neither year nor zone: they get <see cref="ParserOptions.AssumedYear"/> and are read
/// as UTC. The logsource is <c>product: linux</c> with the lower-cased program as service (<c>CRON</c> → <c>cron</c>;
/// OpenSSH 9.8's <c>sshd-session</c> and <c>sshd-auth</c> → <c>sshd</c>).</para>
/// </remarks>
public sealed class SyslogParser : ILogParser
{
    private const int MaxCachedPrograms = 256;
    private const int MaxProgramLength = 48;
    private const int MaxSdNamePart = 64;

    // RFC 5424 §6.2.1 numbering; the names are rsyslog's, which is what operators type in filters.
    private static readonly string[] s_facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp",
        "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    private static readonly string[] s_severities =
        ["emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"];

    private static readonly Logsource s_linux = new(null, "linux", null);

    private readonly int _assumedYear;

    // Program names are written by whoever can log; the cache is capped and names past the cap get a fresh instance.
    private readonly Dictionary<string, Logsource> _logsources = new(StringComparer.Ordinal);
    private readonly char[] _sdName = new char[IngestFields.StructuredDataPrefix.Length + (2 * MaxSdNamePart) + 1];
    private byte[] _unescaped = new byte[256];

    /// <summary>Creates a parser; <see cref="ParserOptions.AssumedYear"/> dates RFC 3164 lines.</summary>
    public SyslogParser(ParserOptions? options = null)
    {
        _assumedYear = (options ?? ParserOptions.Default).AssumedYear;
        IngestFields.StructuredDataPrefix.CopyTo(_sdName);
    }

    /// <inheritdoc />
    public LogFormat Format => LogFormat.Syslog;

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
        var priority = -1;
        if (rest[0] == '<')
        {
            var close = rest.IndexOf((byte)'>');
            if (close is < 2 or > 4 || !ParseText.TryParseInt(rest[1..close], out priority) || priority > 191)
            {
                error = "bad <PRI>";
                return false;
            }

            rest = rest[(close + 1)..];
        }

        // "<PRI>1 " starts RFC 5424; an RFC 3164 header after <PRI> starts with a month name or a 4-digit year.
        var isRfc5424 = priority >= 0 && rest.Length > 1 && char.IsAsciiDigit((char)rest[0])
            && (rest[1] == ' ' || (rest.Length > 2 && char.IsAsciiDigit((char)rest[1]) && rest[2] == ' '));
        var parsed = isRfc5424 ? TryParse5424(rest, evt, out error) : TryParse3164(rest, evt, out error);
        if (!parsed)
        {
            return false;
        }

        if (priority >= 0)
        {
            Span<char> digits = stackalloc char[3];
            priority.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            evt.Add(IngestFields.LogSyslogPriority, digits[..written], FieldValueKind.Number);
            evt.Add(IngestFields.LogSyslogFacility, s_facilities[priority >> 3]);
            evt.Add(IngestFields.LogSyslogSeverity, s_severities[priority & 7]);
        }

        evt.AddUtf8(KnownFields.EventOriginal, line);
        error = null;
        return true;
    }

    private bool TryParse3164(ReadOnlySpan<byte> rest, LogEvent evt, out string? error)
    {
        DateTimeOffset time;
        if (rest.Length >= 15 && rest[3] == ' ' && ParseText.Month(rest[..3]) is var month and > 0)
        {
            // "Oct  1 22:14:15": the day is space-padded (RFC 3164 §4.1.2), though some writers zero-pad it.
            var dayText = rest[4] == ' ' ? rest.Slice(5, 1) : rest.Slice(4, 2);
            if (rest[6] != ' ' || rest[9] != ':' || rest[12] != ':'
                || !ParseText.TryParseInt(dayText, out var day) || !ParseText.TryParseInt(rest.Slice(7, 2), out var hour)
                || !ParseText.TryParseInt(rest.Slice(10, 2), out var minute) || !ParseText.TryParseInt(rest.Slice(13, 2), out var second)
                || !ParseText.TryMakeTime(_assumedYear, month, day, hour, minute, second, 0, 0, out time))
            {
                error = "bad syslog timestamp";
                return false;
            }

            rest = rest[15..];
        }
        else
        {
            var sp = rest.IndexOf((byte)' ');
            if (sp < 0 || !ParseText.TryParseIso(rest[..sp], out time))
            {
                error = "no syslog timestamp";
                return false;
            }

            rest = rest[sp..];
        }

        if (!rest.IsEmpty && rest[0] != ' ')
        {
            error = "bad syslog timestamp";
            return false;
        }

        ParseText.SetTimestamp(evt, time);
        rest = rest.TrimStart((byte)' ');

        var token = NextToken(rest);
        ReadOnlySpan<byte> program = default;
        if (!token.IsEmpty && token[^1] != ':')
        {
            evt.AddUtf8(KnownFields.HostName, token);
            rest = rest[token.Length..].TrimStart((byte)' ');
            token = NextToken(rest);
        }

        // A tag ends with ':' (RFC 3164 §5.3 examples); without one the rest is all message (e.g. "-- MARK --").
        if (token.Length > 1 && token[^1] == ':')
        {
            var tag = token[..^1];
            var open = tag.IndexOf((byte)'[');
            program = open < 0 ? tag : tag[..open];
            if (open >= 0 && tag[^1] == ']' && ParseText.IsDigits(tag[(open + 1)..^1]))
            {
                evt.AddUtf8(KnownFields.ProcessPid, tag[(open + 1)..^1], FieldValueKind.Number);
            }

            if (!program.IsEmpty)
            {
                evt.AddUtf8(KnownFields.ProcessName, program);
            }

            rest = rest[token.Length..];
            if (!rest.IsEmpty && rest[0] == ' ')
            {
                rest = rest[1..];
            }
        }

        evt.AddUtf8(KnownFields.Message, rest);
        Finish(program, rest, evt);
        error = null;
        return true;
    }

    private bool TryParse5424(ReadOnlySpan<byte> rest, LogEvent evt, out string? error)
    {
        error = "truncated RFC 5424 header";
        if (!TakeField(ref rest, out var version) || !TakeField(ref rest, out var timestamp) || !TakeField(ref rest, out var host)
            || !TakeField(ref rest, out var app) || !TakeField(ref rest, out var procId) || !TakeField(ref rest, out var msgId))
        {
            return false;
        }

        evt.AddUtf8(IngestFields.LogSyslogVersion, version, FieldValueKind.Number);
        if (!IsNil(timestamp))
        {
            if (!ParseText.TryParseIso(timestamp, out var time))
            {
                error = "bad RFC 5424 timestamp";
                return false;
            }

            ParseText.SetTimestamp(evt, time);
        }

        if (!IsNil(host))
        {
            evt.AddUtf8(KnownFields.HostName, host);
        }

        var program = IsNil(app) ? default : app;
        if (!program.IsEmpty)
        {
            evt.AddUtf8(KnownFields.ProcessName, program);
            evt.AddUtf8(IngestFields.LogSyslogAppName, program);
        }

        if (!IsNil(procId))
        {
            evt.AddUtf8(KnownFields.ProcessPid, procId, ParseText.IsDigits(procId) ? FieldValueKind.Number : FieldValueKind.String);
        }

        if (!IsNil(msgId))
        {
            evt.AddUtf8(IngestFields.LogSyslogMsgId, msgId);
        }

        if (rest.IsEmpty)
        {
            error = "missing RFC 5424 structured data";
            return false;
        }

        if (rest[0] == '-')
        {
            rest = rest[1..];
        }
        else if (!TryParseStructuredData(ref rest, evt))
        {
            error = "bad RFC 5424 structured data";
            return false;
        }

        if (!rest.IsEmpty)
        {
            if (rest[0] != ' ')
            {
                error = "bad RFC 5424 structured data";
                return false;
            }

            rest = rest[1..];

            // RFC 5424 §6.4: a UTF-8 message may start with a byte order mark, which is not part of the text.
            if (rest.StartsWith("\uFEFF"u8))
            {
                rest = rest[3..];
            }
        }

        evt.AddUtf8(KnownFields.Message, rest);
        Finish(program, rest, evt);
        error = null;
        return true;
    }

    /// <summary>Reads <c>[SDID name="value" ...]</c> elements (RFC 5424 §6.3) into <c>log.syslog.structured_data.*</c> fields.</summary>
    private bool TryParseStructuredData(ref ReadOnlySpan<byte> rest, LogEvent evt)
    {
        var prefix = IngestFields.StructuredDataPrefix.Length;
        while (!rest.IsEmpty && rest[0] == '[')
        {
            rest = rest[1..];
            var idEnd = rest.IndexOfAny((byte)' ', (byte)']');
            if (idEnd <= 0)
            {
                return false;
            }

            var idLength = WriteNamePart(rest[..idEnd], prefix);
            rest = rest[idEnd..];
            while (true)
            {
                if (rest.IsEmpty)
                {
                    return false;
                }

                if (rest[0] == ']')
                {
                    rest = rest[1..];
                    break;
                }

                if (rest[0] != ' ')
                {
                    return false;
                }

                rest = rest[1..];
                var eq = rest.IndexOf((byte)'=');
                if (eq <= 0 || eq + 1 >= rest.Length || rest[eq + 1] != '"')
                {
                    return false;
                }

                var name = rest[..eq];
                rest = rest[(eq + 2)..];
                if (!TryReadParamValue(ref rest, out var value))
                {
                    return false;
                }

                var fieldId = FieldRegistry.OverflowId;
                if (idLength >= 0 && name.IndexOf((byte)' ') < 0)
                {
                    _sdName[prefix + idLength] = '.';
                    var nameLength = WriteNamePart(name, prefix + idLength + 1);
                    if (nameLength >= 0)
                    {
                        fieldId = FieldRegistry.GetOrAdd(_sdName.AsSpan(0, prefix + idLength + 1 + nameLength));
                    }
                }

                evt.AddUtf8(fieldId, value);
            }
        }

        return true;
    }

    /// <summary>Reads a quoted PARAM-VALUE up to its closing quote, undoing the <c>\"</c>, <c>\\</c> and <c>\]</c> escapes of RFC 5424 §6.3.3.</summary>
    private bool TryReadParamValue(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> value)
    {
        if (_unescaped.Length < rest.Length)
        {
            _unescaped = new byte[Math.Max(rest.Length, _unescaped.Length * 2)];
        }

        var written = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var b = rest[i];
            if (b == '"')
            {
                value = _unescaped.AsSpan(0, written);
                rest = rest[(i + 1)..];
                return true;
            }

            // Any other backslash is kept with the character after it, as the RFC requires.
            if (b == '\\' && i + 1 < rest.Length && rest[i + 1] is (byte)'"' or (byte)'\\' or (byte)']')
            {
                b = rest[++i];
            }

            _unescaped[written++] = b;
        }

        value = default;
        return false;
    }

    /// <summary>Writes an SD-ID or PARAM-NAME into the name buffer at <paramref name="at"/>; -1 when too long to name a field.</summary>
    private int WriteNamePart(ReadOnlySpan<byte> part, int at)
    {
        // RFC 5424 caps SD-NAME at 32 ASCII characters; a longer one is hostile or broken and does not get its own id.
        if (part.Length > MaxSdNamePart)
        {
            return -1;
        }

        Utf8.ToUtf16(part, _sdName.AsSpan(at, MaxSdNamePart), out _, out var written, replaceInvalidSequences: true);
        return written;
    }

    private void Finish(ReadOnlySpan<byte> program, ReadOnlySpan<byte> message, LogEvent evt)
    {
        Span<char> service = stackalloc char[MaxProgramLength];
        var length = 0;
        if (!program.IsEmpty && program.Length <= MaxProgramLength)
        {
            Utf8.ToUtf16(program, service, out _, out length, replaceInvalidSequences: true);
            for (var i = 0; i < length; i++)
            {
                service[i] = char.ToLowerInvariant(service[i]);
            }

            // OpenSSH 9.8 split sshd: sessions and authentication log as sshd-session / sshd-auth, rules say sshd.
            if (service[..length] is "sshd-session" or "sshd-auth")
            {
                length = 4;
            }
        }

        var name = service[..length];
        evt.Logsource = LogsourceOf(name);
        AuthMessages.Decode(name, message, evt);
    }

    private Logsource LogsourceOf(ReadOnlySpan<char> service)
    {
        if (service.IsEmpty)
        {
            return s_linux;
        }

        var lookup = _logsources.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(service, out var cached))
        {
            return cached;
        }

        var name = service.ToString();
        var logsource = new Logsource(null, "linux", name);
        if (_logsources.Count < MaxCachedPrograms)
        {
            _logsources[name] = logsource;
        }

        return logsource;
    }

    private static ReadOnlySpan<byte> NextToken(ReadOnlySpan<byte> rest)
    {
        var sp = rest.IndexOf((byte)' ');
        return sp < 0 ? rest : rest[..sp];
    }

    /// <summary>Takes one space-terminated header field of RFC 5424; false when the header ends early.</summary>
    private static bool TakeField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        var sp = rest.IndexOf((byte)' ');
        if (sp <= 0)
        {
            field = default;
            return false;
        }

        field = rest[..sp];
        rest = rest[(sp + 1)..];
        return true;
    }

    private static bool IsNil(ReadOnlySpan<byte> field) => field.Length == 1 && field[0] == '-';
}
