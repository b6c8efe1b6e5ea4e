using System.Text;
using Haris.Core.Events;
using Haris.Ingest.Parsing;
using static Haris.Ingest.Tests.Parsing.ParserHarness;

namespace Haris.Ingest.Tests.Parsing;

/// <summary>
/// Values cut from an access line: slices of the line's text transcoded once when the line is ASCII, each value
/// transcoded alone otherwise; the same text and the same marks either way.
/// </summary>
public sealed class LinePiecesTests
{
    private static readonly string[] s_pieceFields =
    [
        FieldNames.SourceIp, FieldNames.UserName, "http.request.line", FieldNames.HttpRequestMethod, FieldNames.UrlOriginal,
        FieldNames.UrlPath, FieldNames.UrlQuery, FieldNames.HttpVersion, FieldNames.HttpResponseStatusCode,
        FieldNames.HttpResponseBodyBytes, FieldNames.HttpRequestReferrer, FieldNames.UserAgentOriginal,
    ];

    public static TheoryData<string, string> Lines => new()
    {
        // ASCII: one transcoding, values are slices of it.
        { "ascii", "203.0.113.7 - alice [10/Oct/2000:13:55:36 -0700] \"GET /a/b.php?x=1 HTTP/1.1\" 200 2326 \"https://ref.example/p\" \"Mozilla/5.0 (X11)\"" },
        // Non-ASCII in the user agent: each value on its own, and offsets after it would be wrong in UTF-16.
        { "utf8", "203.0.113.7 - alice [10/Oct/2000:13:55:36 -0700] \"GET /caf\u00e9?q=\u00fc HTTP/1.1\" 200 2326 \"https://r\u00e9f.example/\" \"Agent \u00e9\u00e8 \U0001F600\"" },
        // Non-ASCII in the user name, before every other value.
        { "utf8-user", "203.0.113.7 - j\u00fcrgen [10/Oct/2000:13:55:36 -0700] \"GET /x HTTP/1.1\" 404 7 \"-\" \"curl/8.0\"" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parse_EveryPiece_HasItsTextAndIsMarkedAsAPieceOfTheLine(string name, string line)
    {
        var (ok, evt, _) = Parse(new CombinedLogParser(), line);

        Assert.True(ok, name);
        Assert.Equal(line, evt.Get(FieldNames.EventOriginal));
        foreach (var field in s_pieceFields)
        {
            if (!FieldRegistry.TryGet(field, out var id) || evt.First(id) < 0)
            {
                continue;
            }

            var slot = evt.First(id);
            var text = evt.Text(slot).ToString();
            Assert.True(evt.IsSliceOfOriginal(slot), $"{name}: {field} not marked as a piece of the line");
            Assert.Contains(text, line, StringComparison.Ordinal);
        }

        Assert.Equal(line.Split('"')[1], evt.Get("http.request.line"));
        Assert.Equal(line.Split('"')[^2], evt.Get(FieldNames.UserAgentOriginal));
    }

    [Fact]
    public void Parse_InvalidUtf8_ReplacesItInEveryValueAsInTheLine()
    {
        // 0xFF is never valid UTF-8; the line is not ASCII, so each value is transcoded alone with U+FFFD.
        var bytes = Encoding.ASCII.GetBytes("203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /x? HTTP/1.1\" 200 1 \"-\" \"A? B\"");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        bytes[Array.LastIndexOf(bytes, (byte)'?')] = 0xFF;

        var (ok, evt, _) = Parse(new CombinedLogParser(), bytes);

        Assert.True(ok);
        Assert.Equal("/x\uFFFD", evt.Get(FieldNames.UrlOriginal));
        Assert.Equal("A\uFFFD B", evt.Get(FieldNames.UserAgentOriginal));
        Assert.Contains("\"A\uFFFD B\"", evt.Get(FieldNames.EventOriginal), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EscapedUserAgent_IsNotAPieceOfTheLine_TheOthersAre()
    {
        var line = "203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /x HTTP/1.1\" 200 1 \"https://ref.example/\" \"say \\\"hi\\\" now\"";

        var (ok, evt, _) = Parse(new CombinedLogParser(), line);

        Assert.True(ok);
        Assert.Equal("say \"hi\" now", evt.Get(FieldNames.UserAgentOriginal));
        Assert.False(evt.IsSliceOfOriginal(Slot(evt, FieldNames.UserAgentOriginal)));
        Assert.True(evt.IsSliceOfOriginal(Slot(evt, FieldNames.HttpRequestReferrer)));
        Assert.True(evt.IsSliceOfOriginal(Slot(evt, FieldNames.UrlPath)));
    }

    [Fact]
    public void Parse_EmptyQuery_IsAnEmptyPiece()
    {
        var (ok, evt, _) = Parse(new CombinedLogParser(), "203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /x? HTTP/1.1\" 200 1 \"-\" \"curl/8.0\"");

        Assert.True(ok);
        Assert.Equal(string.Empty, evt.Get(FieldNames.UrlQuery));
        Assert.True(evt.IsSliceOfOriginal(Slot(evt, FieldNames.UrlQuery)));
    }

    [Fact]
    public void Parse_NextLineInTheSameEvent_DoesNotKeepThePreviousLine()
    {
        var parser = new CombinedLogParser();
        var evt = new LogEvent();
        evt.Reset();
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes("203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /first HTTP/1.1\" 200 1 \"-\" \"first agent\""), evt, out _));
        evt.Reset();
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes("198.51.100.2 - - [10/Oct/2000:13:55:37 -0700] \"POST /second/longer/path HTTP/1.1\" 201 22 \"-\" \"second agent \u00e9\""), evt, out _));

        Assert.Equal("198.51.100.2", evt.Get(FieldNames.SourceIp));
        Assert.Equal("/second/longer/path", evt.Get(FieldNames.UrlPath));
        Assert.Equal("second agent \u00e9", evt.Get(FieldNames.UserAgentOriginal));
    }

    private static int Slot(LogEvent evt, string field) => FieldRegistry.TryGet(field, out var id) ? evt.First(id) : -1;
}
