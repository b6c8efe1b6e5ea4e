using System.Text;
using Haris.Core.Events;
using Haris.Ingest.Parsing;
using static Haris.Ingest.Tests.Parsing.ParserHarness;

namespace Haris.Ingest.Tests.Parsing;

public sealed class CombinedLogParserTests
{
    private const string Combined =
        "203.0.113.7 - alice [10/Oct/2000:13:55:36 -0700] \"GET /shop/tickets.PHP?match=42&cat=1 HTTP/1.1\" 200 2326 \"https://fifa.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\"";

    private readonly CombinedLogParser _parser = new();

    [Fact]
    public void Parse_CombinedLine_ExtractsCanonicalFields()
    {
        var (ok, evt, _) = Parse(_parser, Combined);

        Assert.True(ok);
        Assert.Equal("203.0.113.7", evt.Get(FieldNames.SourceIp));
        Assert.Equal("alice", evt.Get(FieldNames.UserName));
        Assert.Equal("2000-10-10T20:55:36Z", evt.Get(FieldNames.Timestamp));
        Assert.Equal(new DateTimeOffset(2000, 10, 10, 13, 55, 36, TimeSpan.FromHours(-7)), evt.Timestamp);
        Assert.Equal("GET", evt.Get(FieldNames.HttpRequestMethod));
        Assert.Equal("GET /shop/tickets.PHP?match=42&cat=1 HTTP/1.1", evt.Get("http.request.line"));
        Assert.Equal("/shop/tickets.PHP?match=42&cat=1", evt.Get(FieldNames.UrlOriginal));
        Assert.Equal("/shop/tickets.PHP", evt.Get(FieldNames.UrlPath));
        Assert.Equal("match=42&cat=1", evt.Get(FieldNames.UrlQuery));
        Assert.Equal("php", evt.Get(FieldNames.UrlExtension));
        Assert.Equal("1.1", evt.Get(FieldNames.HttpVersion));
        Assert.Equal("200", evt.Get(FieldNames.HttpResponseStatusCode));
        Assert.Equal(FieldValueKind.Number, KindOf(evt, FieldNames.HttpResponseStatusCode));
        Assert.Equal("2326", evt.Get(FieldNames.HttpResponseBodyBytes));
        Assert.Equal(FieldValueKind.Number, KindOf(evt, FieldNames.HttpResponseBodyBytes));
        Assert.Equal("https://fifa.example/", evt.Get(FieldNames.HttpRequestReferrer));
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", evt.Get(FieldNames.UserAgentOriginal));
        Assert.Equal(Combined, evt.Get(FieldNames.EventOriginal));
        Assert.Equal("web.access", evt.Get(FieldNames.EventDataset));
        Assert.Same(Logsource.Webserver, evt.Logsource);
    }

    [Fact]
    public void Parse_CommonLogFormat_HasNoReferrerOrAgent()
    {
        var (ok, evt, _) = Parse(_parser, "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");

        Assert.True(ok);
        Assert.Equal("frank", evt.Get(FieldNames.UserName));
        Assert.Equal("gif", evt.Get(FieldNames.UrlExtension));
        Assert.Null(evt.Get(FieldNames.HttpRequestReferrer));
        Assert.Null(evt.Get(FieldNames.UserAgentOriginal));
    }

    [Fact]
    public void Parse_DashFields_AreAbsent()
    {
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"HEAD / HTTP/1.1\" 304 - \"-\" \"-\"");

        Assert.True(ok);
        Assert.Null(evt.Get(FieldNames.UserName));
        Assert.Null(evt.Get(FieldNames.HttpResponseBodyBytes));
        Assert.Null(evt.Get(FieldNames.HttpRequestReferrer));
        Assert.Null(evt.Get(FieldNames.UserAgentOriginal));
        Assert.Null(evt.Get(FieldNames.UrlQuery));
        Assert.Null(evt.Get(FieldNames.UrlExtension));
        Assert.Equal("/", evt.Get(FieldNames.UrlPath));
        Assert.Equal("2026-06-11T15:00:00Z", evt.Get(FieldNames.Timestamp));
    }

    [Theory]
    // A compressed IPv6 client: colons must not be taken for field separators.
    [InlineData("2001:db8::1", "source.ip")]
    // The IPv4-mapped form nginx writes on dual-stack listeners.
    [InlineData("::ffff:192.0.2.10", "source.ip")]
    // Apache with HostnameLookups On logs names, which are not addresses.
    [InlineData("crawler.example.net", "source.domain")]
    public void Parse_Client_GoesToIpOrDomain(string client, string field)
    {
        var (ok, evt, _) = Parse(_parser, client + " - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/2.0\" 200 5 \"-\" \"curl/8.5\"");

        Assert.True(ok);
        Assert.Equal(client, evt.Get(field));
        Assert.Equal("2.0", evt.Get(FieldNames.HttpVersion));
    }

    [Fact]
    public void Parse_EscapedQuoteInUserAgent_KeepsQuote()
    {
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"evil \\\"agent\\\" \\\\ x\"");

        Assert.True(ok);
        Assert.Equal("evil \"agent\" \\ x", evt.Get(FieldNames.UserAgentOriginal));
    }

    [Fact]
    public void Parse_NginxHexEscape_KeptAsLogged()
    {
        // nginx writes a quote as \x22: detection rules see exactly what the log says.
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET /?q=\\x22%3E HTTP/1.1\" 200 5 \"-\" \"x\\x22y\"");

        Assert.True(ok);
        Assert.Equal("q=\\x22%3E", evt.Get(FieldNames.UrlQuery));
        Assert.Equal("x\\x22y", evt.Get(FieldNames.UserAgentOriginal));
    }

    [Theory]
    // TLS ClientHello sent to a plain HTTP port: nginx logs the bytes escaped.
    [InlineData("\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03")]
    // A connection closed before any request line.
    [InlineData("-")]
    // Scanner garbage that is not METHOD TARGET VERSION.
    [InlineData("hello there")]
    // Lower-level protocol noise with a fake version.
    [InlineData("GET / FTP/1.0")]
    // HTTP/0.9 style request without a version is not a full request line.
    [InlineData("GET /")]
    public void Parse_NonHttpRequest_KeepsLineWithoutMethod(string request)
    {
        var (ok, evt, _) = Parse(_parser, "198.51.100.9 - - [11/Jun/2026:15:00:00 +0000] \"" + request + "\" 400 150 \"-\" \"-\"");

        Assert.True(ok);
        Assert.Equal(request, evt.Get("http.request.line"));
        Assert.Null(evt.Get(FieldNames.HttpRequestMethod));
        Assert.Null(evt.Get(FieldNames.UrlOriginal));
        Assert.Equal("400", evt.Get(FieldNames.HttpResponseStatusCode));
    }

    [Fact]
    public void Parse_TrailingFields_StoresForwardedForAndToleratesTimings()
    {
        var line = "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"POST /api/login HTTP/1.1\" 401 12 \"-\" \"python-requests/2.31\" \"198.51.100.1, 10.0.0.2\" 0.004 10.1.1.1:8080";

        var (ok, evt, _) = Parse(_parser, line);

        Assert.True(ok);
        Assert.Equal("198.51.100.1, 10.0.0.2", evt.Get("http.request.x_forwarded_for"));
        Assert.Equal("python-requests/2.31", evt.Get(FieldNames.UserAgentOriginal));
    }

    [Fact]
    public void Parse_UnquotedTimingsBeforeForwardedFor_StillNamesQuotedFieldsInOrder()
    {
        var line = "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" rt=0.010 \"203.0.113.5\"";

        var (ok, evt, _) = Parse(_parser, line);

        Assert.True(ok);
        Assert.Equal("203.0.113.5", evt.Get("http.request.x_forwarded_for"));
    }

    [Fact]
    public void Parse_UserWithSpace_IsKeptWhole()
    {
        // nginx does not escape spaces in $remote_user (HTTP basic auth names are free text).
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - john doe [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1");

        Assert.True(ok);
        Assert.Equal("john doe", evt.Get(FieldNames.UserName));
    }

    [Fact]
    public void Parse_TargetWithRawSpace_SplitsOnOuterSpaces()
    {
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET /a b.txt HTTP/1.1\" 400 1");

        Assert.True(ok);
        Assert.Equal("/a b.txt", evt.Get(FieldNames.UrlPath));
        Assert.Equal("txt", evt.Get(FieldNames.UrlExtension));
    }

    [Theory]
    // Hidden files have no extension: /.env must not report "env".
    [InlineData("/.env", null)]
    // The extension comes from the last segment only, not a dotted directory.
    [InlineData("/v1.2/download", null)]
    // Query text after '?' is not part of the path.
    [InlineData("/index.php?file=x.jpg", "php")]
    // Upper-case extensions are normalised so rules can compare one spelling.
    [InlineData("/BACKUP.TAR.GZ", "gz")]
    // A trailing dot names nothing.
    [InlineData("/file.", null)]
    public void Parse_UrlExtension_FollowsLastPathSegment(string target, string? extension)
    {
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET " + target + " HTTP/1.1\" 200 1");

        Assert.True(ok);
        Assert.Equal(extension, evt.Get(FieldNames.UrlExtension));
    }

    [Fact]
    public void Parse_EmptyQuery_IsPresentButEmpty()
    {
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET /search? HTTP/1.1\" 200 1");

        Assert.True(ok);
        Assert.Equal("", evt.Get(FieldNames.UrlQuery));
    }

    [Fact]
    public void Parse_CrlfLine_StripsCarriageReturn()
    {
        var (ok, evt, _) = Parse(_parser, Combined + "\r");

        Assert.True(ok);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", evt.Get(FieldNames.UserAgentOriginal));
        Assert.Equal(Combined, evt.Get(FieldNames.EventOriginal));
    }

    [Theory]
    // Nothing to parse.
    [InlineData("")]
    // A CRLF file's blank line arrives as a lone '\r'.
    [InlineData("\r")]
    // A request quote that never closes must not read past the line.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1 200 1")]
    // A backslash right before the end of line escapes nothing.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET /\\")]
    // An unterminated user agent is a cut-off line.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"Mozilla")]
    // February 30th cannot become a DateTimeOffset and must not throw.
    [InlineData("10.0.0.1 - - [30/Feb/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1")]
    // An offset beyond ±14h is not a real zone.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +9900] \"GET / HTTP/1.1\" 200 1")]
    // Status must be three digits.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" OK 1")]
    // Bytes must be a number or '-'.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 lots")]
    // A syslog line handed to the wrong parser.
    [InlineData("Oct 11 22:14:15 host sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2")]
    // JSON handed to the wrong parser.
    [InlineData("{\"source\":{\"ip\":\"1.2.3.4\"}}")]
    // No time field at all.
    [InlineData("10.0.0.1 - - \"GET / HTTP/1.1\" 200 1")]
    public void Parse_MalformedLine_ReturnsReason(string line)
    {
        var (ok, _, error) = Parse(_parser, line);

        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void Parse_InvalidUtf8InUserAgent_BecomesReplacementCharacter()
    {
        var prefix = Encoding.UTF8.GetBytes("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"a");
        byte[] line = [.. prefix, 0xFF, 0xC0, (byte)'b', (byte)'"'];

        var (ok, evt, _) = Parse(_parser, line);

        Assert.True(ok);
        Assert.Equal("a\uFFFD\uFFFDb", evt.Get(FieldNames.UserAgentOriginal));
    }

    [Fact]
    public void Parse_NulBytesInRequest_ParsesWithoutThrowing()
    {
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET /\0\0 HTTP/1.1\" 200 1 \"-\" \"\0\"");

        Assert.True(ok);
        Assert.Equal("/\0\0", evt.Get(FieldNames.UrlPath));
    }

    [Fact]
    public void Parse_OneMegabyteUserAgent_ParsesWholeValue()
    {
        var agent = new string('A', 1024 * 1024);
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"" + agent + "\"");

        Assert.True(ok);
        Assert.Equal(agent.Length, evt.Get(FieldNames.UserAgentOriginal)!.Length);
    }

    [Fact]
    public void Parse_OneMegabyteOfEscapes_ParsesWithoutThrowing()
    {
        var noise = string.Concat(Enumerable.Repeat("\\\"", 512 * 1024));
        var (ok, evt, _) = Parse(_parser, "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET /" + noise + " HTTP/1.1\" 200 1");

        Assert.True(ok);
        Assert.Equal((512 * 1024) + 1, evt.Get(FieldNames.UrlPath)!.Length);
    }

    [Theory]
    // The usual shape: no ident, no user.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000]", null)]
    // An ident other than '-' is skipped whatever it says.
    [InlineData("10.0.0.1 ident alice [11/Jun/2026:15:00:00 +0000]", "alice")]
    // Fields that only start with a dash are values, not "not sent".
    [InlineData("10.0.0.1 -x -y [11/Jun/2026:15:00:00 +0000]", "-y")]
    public void Parse_IdentAndUser_TakeTheSameShapesAsEver(string head, string? user)
    {
        var (ok, evt, _) = Parse(_parser, head + " \"GET / HTTP/1.1\" 200 1");

        Assert.True(ok);
        Assert.Equal(user, evt.Get(FieldNames.UserName));
        Assert.Equal("2026-06-11T15:00:00Z", evt.Get(FieldNames.Timestamp));
    }

    [Theory]
    // A time with more after it inside the brackets is not a time.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000 x] \"GET / HTTP/1.1\" 200 1")]
    // A bracket inside the time's place ends the field early.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00]00 +0000] \"GET / HTTP/1.1\" 200 1")]
    public void Parse_TimeOfTheWrongShape_IsRefused(string line)
    {
        var (ok, _, error) = Parse(_parser, line);

        Assert.False(ok);
        Assert.Equal("bad [time] field", error);
    }

    [Theory]
    // The same second again: the previous line's parsed time and text are reused.
    [InlineData("11/Jun/2026:15:00:00 +0000", "11/Jun/2026:15:00:00 +0000")]
    // The next second: parsed afresh.
    [InlineData("11/Jun/2026:15:00:00 +0000", "11/Jun/2026:15:00:01 +0000")]
    // The same clock time in another zone is another instant.
    [InlineData("11/Jun/2026:15:00:00 +0000", "11/Jun/2026:15:00:00 +0300")]
    // A bad time right after a good one is still refused.
    [InlineData("11/Jun/2026:15:00:00 +0000", "30/Feb/2026:15:00:00 +0000")]
    // A good time after a bad one parses.
    [InlineData("30/Feb/2026:15:00:00 +0000", "11/Jun/2026:15:00:00 +0000")]
    public void Parse_SecondLine_GetsTheTimeAFreshParserGives(string firstTime, string secondTime)
    {
        var second = $"10.0.0.1 - - [{secondTime}] \"GET / HTTP/1.1\" 200 1";
        var evt = new LogEvent();
        _parser.TryParse(Encoding.UTF8.GetBytes($"10.0.0.1 - - [{firstTime}] \"GET / HTTP/1.1\" 200 1"), evt, out _);
        evt.Reset();

        var ok = _parser.TryParse(Encoding.UTF8.GetBytes(second), evt, out _);
        var (freshOk, fresh, _) = Parse(new CombinedLogParser(), second);

        Assert.Equal(freshOk, ok);
        Assert.Equal(fresh.Timestamp, evt.Timestamp);
        Assert.Equal(fresh.Get(FieldNames.Timestamp), evt.Get(FieldNames.Timestamp));
    }

    [Fact]
    public void Parse_ReusedEvent_CarriesNothingOver()
    {
        var evt = new LogEvent();
        Assert.True(_parser.TryParse(Encoding.UTF8.GetBytes(Combined), evt, out _));
        evt.Reset();

        Assert.True(_parser.TryParse("10.0.0.2 - - [11/Jun/2026:15:00:00 +0000] \"-\" 400 0"u8, evt, out _));

        Assert.Null(evt.Get(FieldNames.UserName));
        Assert.Null(evt.Get(FieldNames.UrlPath));
        Assert.Equal("10.0.0.2", evt.Get(FieldNames.SourceIp));
    }
}
