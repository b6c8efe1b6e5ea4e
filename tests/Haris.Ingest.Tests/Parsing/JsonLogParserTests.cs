using System.Text;
using Haris.Core.Events;
using Haris.Ingest.Parsing;
using static Haris.Ingest.Tests.Parsing.ParserHarness;

namespace Haris.Ingest.Tests.Parsing;

public sealed class JsonLogParserTests
{
    private readonly JsonLogParser _parser = new();

    [Fact]
    public void Parse_NestedObjects_FlattenToDottedNames()
    {
        var (ok, evt, _) = Parse(_parser, "{\"source\":{\"ip\":\"1.2.3.4\",\"geo\":{\"country_iso_code\":\"FR\"}},\"event.dataset\":\"nginx.access\"}");

        Assert.True(ok);
        Assert.Equal("1.2.3.4", evt.Get(FieldNames.SourceIp));
        Assert.Equal("FR", evt.Get("source.geo.country_iso_code"));
        Assert.Equal("nginx.access", evt.Get(FieldNames.EventDataset));
        Assert.Same(Logsource.Unknown, evt.Logsource);
    }

    [Fact]
    public void Parse_DottedKeyInsideObject_JoinsWithParent()
    {
        // Filebeat mixes {"url": {"path": ...}} and {"url.path": ...}; both end at one name.
        var (ok, evt, _) = Parse(_parser, "{\"http\":{\"request.method\":\"POST\"},\"url.path\":\"/login\"}");

        Assert.True(ok);
        Assert.Equal("POST", evt.Get(FieldNames.HttpRequestMethod));
        Assert.Equal("/login", evt.Get(FieldNames.UrlPath));
    }

    [Fact]
    public void Parse_ScalarKinds_ArePreserved()
    {
        var (ok, evt, _) = Parse(_parser, "{\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"s\":\"x\"}");

        Assert.True(ok);
        Assert.Equal("-1.5e3", evt.Get("n"));
        Assert.Equal(FieldValueKind.Number, KindOf(evt, "n"));
        Assert.Equal("true", evt.Get("t"));
        Assert.Equal(FieldValueKind.Boolean, KindOf(evt, "t"));
        Assert.Equal("false", evt.Get("f"));
        Assert.Equal(FieldValueKind.Null, KindOf(evt, "z"));
        Assert.Equal("", evt.Get("z"));
        Assert.Equal(FieldValueKind.String, KindOf(evt, "s"));
    }

    [Fact]
    public void Parse_Arrays_BecomeMultipleValues()
    {
        var (ok, evt, _) = Parse(_parser, "{\"tags\":[\"a\",\"b\",[\"c\"]],\"dns\":{\"answers\":[{\"data\":\"1.1.1.1\"},{\"data\":\"8.8.8.8\",\"ttl\":60}]},\"after\":1}");

        Assert.True(ok);
        Assert.Equal(["a", "b", "c"], All(evt, "tags"));
        Assert.Equal(["1.1.1.1", "8.8.8.8"], All(evt, "dns.answers.data"));
        Assert.Equal(["60"], All(evt, "dns.answers.ttl"));
        Assert.Equal("1", evt.Get("after"));
    }

    [Fact]
    public void Parse_EscapedStrings_AreUnescaped()
    {
        var (ok, evt, _) = Parse(_parser, "{\"cmd\":\"a\\\"b\\\\c\\u00e9\\n\",\"k\\u0065y\":\"v\"}");

        Assert.True(ok);
        Assert.Equal("a\"b\\cé\n", evt.Get("cmd"));
        Assert.Equal("v", evt.Get("key"));
    }

    [Fact]
    public void Parse_SigmaStyleKeys_KeptAsWritten()
    {
        var (ok, evt, _) = Parse(_parser, "{\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd /c whoami\"}");

        Assert.True(ok);
        Assert.Equal("C:\\Windows\\System32\\cmd.exe", evt.Get("Image"));
        Assert.Equal("cmd /c whoami", evt.Get("CommandLine"));
    }

    [Fact]
    public void Parse_NoEventOriginal_AddsRawLine()
    {
        const string Line = "{\"message\":\"hi\"}";
        var (ok, evt, _) = Parse(_parser, Line);

        Assert.True(ok);
        Assert.Equal(Line, evt.Get(FieldNames.EventOriginal));
    }

    [Fact]
    public void Parse_DocumentWithEventOriginal_KeepsItsOwn()
    {
        var (ok, evt, _) = Parse(_parser, "{\"event\":{\"original\":\"GET / HTTP/1.1\"}}");

        Assert.True(ok);
        Assert.Equal(["GET / HTTP/1.1"], All(evt, FieldNames.EventOriginal));
    }

    [Fact]
    public void Parse_AtTimestamp_SetsEventTime()
    {
        var (ok, evt, _) = Parse(_parser, "{\"@timestamp\":\"2026-06-11T15:00:00.250+02:00\"}");

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 13, 0, 0, 250, TimeSpan.Zero), evt.Timestamp);
    }

    [Fact]
    public void Parse_InvalidUtf8InValue_BecomesReplacementCharacter()
    {
        byte[] line = [.. "{\"m\":\"a"u8, 0xFF, .. "b\"}"u8];

        var (ok, evt, _) = Parse(_parser, line);

        Assert.True(ok);
        Assert.Equal("a\uFFFDb", evt.Get("m"));
    }

    [Fact]
    public void Parse_OneMegabyteValue_ParsesWholeValue()
    {
        var big = new string('x', 1024 * 1024);
        var (ok, evt, _) = Parse(_parser, "{\"big\":\"" + big + "\"}");

        Assert.True(ok);
        Assert.Equal(big.Length, evt.Get("big")!.Length);
    }

    [Fact]
    public void Parse_OneMegabyteKey_FoldsIntoOverflowField()
    {
        // The registry keeps names for the process lifetime; a huge attacker key must not become one.
        var key = new string('k', 1024 * 1024);
        var (ok, evt, _) = Parse(_parser, "{\"" + key + "\":\"v\",\"a\":{\"" + key + "\":{\"b\":1}}}");

        Assert.True(ok);
        Assert.Equal("v", evt.Text(evt.First(FieldRegistry.OverflowId)).ToString());
        Assert.False(FieldRegistry.TryGet(key, out _));
        // Other tests register names in parallel, so check the names this document could have made, not the count.
        Assert.False(FieldRegistry.TryGet("a." + key, out _));
        Assert.False(FieldRegistry.TryGet("a." + key + ".b", out _));
    }

    [Theory]
    // The deepest document accepted: ECS and EVE nest a few levels, 63 is far beyond any real log.
    [InlineData(JsonFlattener.MaxDepth - 1, true)]
    // One level more is refused with a reason instead of an exception.
    [InlineData(JsonFlattener.MaxDepth, false)]
    public void Parse_NestingAroundTheLimit_AcceptsUpToMaxDepth(int nested, bool expected)
    {
        var json = "{" + string.Concat(Enumerable.Repeat("\"a\":{", nested)) + "\"b\":1" + new string('}', nested + 1);

        var (ok, evt, _) = Parse(_parser, json);

        Assert.Equal(expected, ok);
        if (ok)
        {
            Assert.Equal("1", evt.Get(string.Join('.', Enumerable.Repeat("a", nested)) + ".b"));
        }
    }

    [Theory]
    // Nothing to parse.
    [InlineData("")]
    // A CRLF file's blank line arrives as a lone '\r'.
    [InlineData("\r")]
    // NDJSON events are objects; a bare array is something else.
    [InlineData("[1,2,3]")]
    // A bare scalar is valid JSON but not an event.
    [InlineData("\"just a string\"")]
    // Cut off mid-document (a truncated write).
    [InlineData("{\"a\":\"b\"")]
    // An unterminated string must not read past the line.
    [InlineData("{\"a\":\"b}")]
    // Two objects on one line: the second would be silently lost.
    [InlineData("{\"a\":1}{\"b\":2}")]
    // Comments are not JSON.
    [InlineData("{\"a\":1 /* x */}")]
    // Trailing commas are not JSON.
    [InlineData("{\"a\":1,}")]
    // A lone surrogate escape cannot be decoded to text.
    [InlineData("{\"a\":\"\\uD800\"}")]
    // An access-log line handed to the JSON parser.
    [InlineData("10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1")]
    // NUL bytes are not JSON whitespace.
    [InlineData("{\"a\":1}\0")]
    public void Parse_MalformedJson_ReturnsReason(string line)
    {
        var (ok, _, error) = Parse(_parser, line);

        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Theory]
    // Deep objects would exhaust the stack of a recursive parser.
    [InlineData("{\"a\":", "}")]
    // Deep arrays are the cheaper way to the same attack.
    [InlineData("[", "]")]
    public void Parse_DeeplyNested_IsMalformed(string open, string close)
    {
        var json = "{\"x\":" + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000)) + "}";

        var (ok, _, error) = Parse(_parser, json);

        Assert.False(ok);
        Assert.Contains("nested", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BinaryGarbage_ReturnsFalse()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        var (ok, _, _) = Parse(_parser, garbage);

        Assert.False(ok);
    }

    [Fact]
    public void Parse_NulInsideString_IsKept()
    {
        var (ok, evt, _) = Parse(_parser, Encoding.UTF8.GetBytes("{\"a\":\"x\\u0000y\"}"));

        Assert.True(ok);
        Assert.Equal("x\0y", evt.Get("a"));
    }
}
