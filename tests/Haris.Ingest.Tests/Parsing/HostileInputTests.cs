using System.Text;
using Haris.Core.Events;
using Haris.Ingest.Parsing;

namespace Haris.Ingest.Tests.Parsing;

/// <summary>Every parser faces attacker-written lines: each must answer with a result or a reason, never an exception.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, byte[]> HostileLines()
    {
        var random = new Random(20260611);
        var garbage = new byte[64 * 1024];
        random.NextBytes(garbage);
        return new TheoryData<string, byte[]>
        {
            // Nothing at all.
            { "empty", [] },
            // The blank line of a CRLF file.
            { "lone CR", "\r"u8.ToArray() },
            // A line of NUL bytes, as left by a crash mid-write on some file systems.
            { "NULs", new byte[4096] },
            // Random bytes: a binary file scanned by mistake.
            { "binary garbage", garbage },
            // Bytes that are never valid UTF-8.
            { "invalid UTF-8", [0xC0, 0xC1, 0xF5, 0xFF, 0xFE, 0x80, 0x22, 0x7B, 0x5B, 0x3C] },
            // A megabyte without a single separator.
            { "1 MB of one byte", Encoding.ASCII.GetBytes(new string('a', 1024 * 1024)) },
            // A megabyte of opening quotes.
            { "1 MB of quotes", Encoding.ASCII.GetBytes(new string('"', 1024 * 1024)) },
            // Deep nesting aimed at recursive parsers.
            { "deep JSON", Encoding.ASCII.GetBytes(new string('[', 100_000)) },
            // Deep objects aimed at the path buffer.
            { "deep objects", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 50_000))) },
            // Structure characters of every format in one line.
            { "mixed syntax", "<13>1 [x \"\\\" {\"a\":[ - - [10/Oct/2000:13:55:36 -0700] \"GET"u8.ToArray() },
            // An unterminated quote right after a valid access-log prefix.
            { "unterminated quote", "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"Mozilla\\"u8.ToArray() },
            // Valid PRI, then garbage.
            { "PRI then garbage", [(byte)'<', (byte)'1', (byte)'>', 0xFF, 0x00, 0x20, 0x20] },
        };
    }

    [Theory]
    [MemberData(nameof(HostileLines))]
    public void TryParse_HostileLine_NeverThrows(string name, byte[] line)
    {
        foreach (var format in new[] { LogFormat.Combined, LogFormat.Json, LogFormat.Syslog, LogFormat.Eve })
        {
            var parser = LogParsers.Create(format, new ParserOptions { AssumedYear = 2026 });
            var evt = new LogEvent();
            evt.Reset();

            var ok = parser.TryParse(line, evt, out var error);

            Assert.True(ok || !string.IsNullOrEmpty(error), $"{format} rejected '{name}' without a reason");
        }
    }

    [Theory]
    // The hot path must allocate nothing per line once warm: parsing runs once per input line.
    [InlineData(LogFormat.Combined, "203.0.113.7 - alice [10/Oct/2000:13:55:36 -0700] \"GET /a.php?x=1 HTTP/1.1\" 200 2326 \"https://r.example/\" \"Mozilla \\\"q\\\"\"")]
    [InlineData(LogFormat.Json, "{\"@timestamp\":\"2026-06-11T15:00:00Z\",\"source\":{\"ip\":\"1.2.3.4\"},\"tags\":[\"a\",\"b\"],\"n\":1,\"e\":\"x\\u0041\"}")]
    [InlineData(LogFormat.Syslog, "<38>Jun 11 15:00:00 bastion sshd[999]: Failed password for invalid user admin from 1.2.3.4 port 22 ssh2")]
    [InlineData(LogFormat.Syslog, "<165>1 2003-10-11T22:14:15.003Z host app 1 ID47 [ex@1 a=\"b\"] msg")]
    [InlineData(LogFormat.Eve, "{\"timestamp\":\"2026-06-11T15:00:00.123456+0000\",\"event_type\":\"alert\",\"src_ip\":\"1.2.3.4\",\"proto\":\"TCP\",\"alert\":{\"signature\":\"x\",\"signature_id\":1},\"http\":{\"url\":\"/a?b\"}}")]
    public void TryParse_WarmParser_AllocatesNothingPerLine(LogFormat format, string text)
    {
        var parser = LogParsers.Create(format, new ParserOptions { AssumedYear = 2026 });
        var line = Encoding.UTF8.GetBytes(text);
        var evt = new LogEvent();
        for (var i = 0; i < 50; i++)
        {
            evt.Reset();
            Assert.True(parser.TryParse(line, evt, out _));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            evt.Reset();
            parser.TryParse(line, evt, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
