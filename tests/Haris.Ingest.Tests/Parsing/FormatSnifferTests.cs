using System.Text;
using Haris.Ingest.Parsing;

namespace Haris.Ingest.Tests.Parsing;

public sealed class FormatSnifferTests
{
    private const string AccessLine = "10.0.0.1 - - [11/Jun/2026:15:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"curl/8\"";
    private const string SyslogLine = "Jun 11 15:00:00 h sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2";
    private const string JsonLine = "{\"@timestamp\":\"2026-06-11T15:00:00Z\",\"source\":{\"ip\":\"1.2.3.4\"}}";
    private const string EveLine = "{\"timestamp\":\"2026-06-11T15:00:00.000000+0000\",\"event_type\":\"flow\",\"src_ip\":\"1.2.3.4\"}";

    [Theory]
    // The everyday nginx case.
    [InlineData(new[] { AccessLine, AccessLine }, LogFormat.Combined)]
    // /var/log/auth.log.
    [InlineData(new[] { SyslogLine, SyslogLine }, LogFormat.Syslog)]
    // Plain NDJSON.
    [InlineData(new[] { JsonLine, JsonLine }, LogFormat.Json)]
    // EVE is JSON too: the more specific format wins the tie.
    [InlineData(new[] { EveLine, EveLine }, LogFormat.Eve)]
    // A JSON line with event_type but no timestamp is not enough to call it EVE.
    [InlineData(new[] { "{\"event_type\":\"x\"}" }, LogFormat.Json)]
    // Mixed input: the majority decides, not the first line.
    [InlineData(new[] { "garbage", AccessLine, AccessLine, SyslogLine }, LogFormat.Combined)]
    // Blank lines (and CRLF blanks) are not votes.
    [InlineData(new[] { "", "\r", SyslogLine }, LogFormat.Syslog)]
    // Nothing parses: the caller must be told rather than handed a wrong guess.
    [InlineData(new[] { "hello", "world" }, LogFormat.Auto)]
    // An empty sample.
    [InlineData(new string[0], LogFormat.Auto)]
    public void Sniff_Sample_PicksFormatThatParsesMost(string[] lines, LogFormat expected)
    {
        var sample = Array.ConvertAll(lines, Encoding.UTF8.GetBytes);

        Assert.Equal(expected, FormatSniffer.Sniff(sample));
    }

    [Fact]
    public void Create_EachFormat_ReturnsParserOfThatFormat()
    {
        foreach (var format in new[] { LogFormat.Combined, LogFormat.Json, LogFormat.Syslog, LogFormat.Eve })
        {
            Assert.Equal(format, LogParsers.Create(format, ParserOptions.Default).Format);
        }
    }

    [Fact]
    public void Create_Auto_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogParsers.Create(LogFormat.Auto, ParserOptions.Default));
    }
}
