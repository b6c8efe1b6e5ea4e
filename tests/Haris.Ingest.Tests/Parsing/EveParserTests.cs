using Haris.Core.Events;
using Haris.Ingest.Parsing;
using static Haris.Ingest.Tests.Parsing.ParserHarness;

namespace Haris.Ingest.Tests.Parsing;

public sealed class EveParserTests
{
    private const string Alert =
        "{\"timestamp\":\"2026-06-11T15:00:00.123456+0000\",\"flow_id\":1234,\"in_iface\":\"eth0\",\"event_type\":\"alert\",\"src_ip\":\"203.0.113.9\",\"src_port\":44312,\"dest_ip\":\"10.0.0.10\",\"dest_port\":80,\"proto\":\"TCP\",\"community_id\":\"1:abc=\",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2024897,\"rev\":3,\"signature\":\"ET WEB_SERVER SQL Injection Attempt\",\"category\":\"Web Application Attack\",\"severity\":1},\"http\":{\"hostname\":\"tickets.example\",\"url\":\"/buy.php?id=1%27+OR+1=1\",\"http_user_agent\":\"sqlmap/1.7\",\"http_method\":\"GET\",\"status\":200,\"length\":512,\"http_refer\":\"https://tickets.example/\"}}";

    private readonly EveParser _parser = new();

    [Fact]
    public void Parse_Alert_KeepsEveFieldsAndAddsEcs()
    {
        var (ok, evt, _) = Parse(_parser, Alert);

        Assert.True(ok);
        Assert.Equal("alert", evt.Get("event_type"));
        Assert.Equal("203.0.113.9", evt.Get("src_ip"));
        Assert.Equal("ET WEB_SERVER SQL Injection Attempt", evt.Get("alert.signature"));
        Assert.Equal("2026-06-11T15:00:00.123456Z", evt.Get(FieldNames.Timestamp));
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 15, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), evt.Timestamp);
        Assert.Equal("203.0.113.9", evt.Get(FieldNames.SourceIp));
        Assert.Equal("44312", evt.Get(FieldNames.SourcePort));
        Assert.Equal(FieldValueKind.Number, KindOf(evt, FieldNames.SourcePort));
        Assert.Equal("10.0.0.10", evt.Get(FieldNames.DestinationIp));
        Assert.Equal("80", evt.Get(FieldNames.DestinationPort));
        Assert.Equal("tcp", evt.Get(FieldNames.NetworkTransport));
        Assert.Equal("1:abc=", evt.Get(FieldNames.NetworkCommunityId));
        Assert.Equal("alert", evt.Get(FieldNames.EventKind));
        Assert.Equal("suricata.eve", evt.Get(FieldNames.EventDataset));
        Assert.Equal("ET WEB_SERVER SQL Injection Attempt", evt.Get(FieldNames.RuleName));
        Assert.Equal("2024897", evt.Get(FieldNames.RuleId));
        Assert.Equal("Web Application Attack", evt.Get(FieldNames.RuleCategory));
        Assert.Equal("1", evt.Get(FieldNames.EventSeverity));
        Assert.Equal("tickets.example", evt.Get(FieldNames.UrlDomain));
        Assert.Equal("/buy.php?id=1%27+OR+1=1", evt.Get(FieldNames.UrlOriginal));
        Assert.Equal("/buy.php", evt.Get(FieldNames.UrlPath));
        Assert.Equal("id=1%27+OR+1=1", evt.Get(FieldNames.UrlQuery));
        Assert.Equal("php", evt.Get(FieldNames.UrlExtension));
        Assert.Equal("GET", evt.Get(FieldNames.HttpRequestMethod));
        Assert.Equal("sqlmap/1.7", evt.Get(FieldNames.UserAgentOriginal));
        Assert.Equal("200", evt.Get(FieldNames.HttpResponseStatusCode));
        Assert.Equal("https://tickets.example/", evt.Get(FieldNames.HttpRequestReferrer));
        Assert.Equal("512", evt.Get(FieldNames.HttpResponseBodyBytes));
        Assert.Equal(Alert, evt.Get(FieldNames.EventOriginal));
        Assert.Equal(new Logsource(null, "suricata", "alert"), evt.Logsource);
    }

    [Fact]
    public void Parse_Dns_MapsQuestion()
    {
        var (ok, evt, _) = Parse(_parser, "{\"timestamp\":\"2026-06-11T15:00:00.000000+0000\",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.5\",\"proto\":\"UDP\",\"dns\":{\"type\":\"query\",\"id\":1,\"rrname\":\"evil.example\",\"rrtype\":\"TXT\",\"rcode\":\"NOERROR\"}}");

        Assert.True(ok);
        Assert.Equal("evil.example", evt.Get(FieldNames.DnsQuestionName));
        Assert.Equal("TXT", evt.Get(FieldNames.DnsQuestionType));
        Assert.Equal("NOERROR", evt.Get(FieldNames.DnsResponseCode));
        Assert.Equal("query", evt.Get(FieldNames.DnsType));
        Assert.Equal("udp", evt.Get(FieldNames.NetworkTransport));
        Assert.Equal("event", evt.Get(FieldNames.EventKind));
        Assert.Equal(new Logsource("dns", "suricata", null), evt.Logsource);
    }

    [Fact]
    public void Parse_DnsV3Queries_MapsEveryQuestion()
    {
        // Suricata 8 writes questions as an array of objects.
        var (ok, evt, _) = Parse(_parser, "{\"timestamp\":\"2026-06-11T15:00:00Z\",\"event_type\":\"dns\",\"dns\":{\"version\":3,\"type\":\"request\",\"queries\":[{\"rrname\":\"a.example\",\"rrtype\":\"A\"},{\"rrname\":\"b.example\",\"rrtype\":\"AAAA\"}]}}");

        Assert.True(ok);
        Assert.Equal(["a.example", "b.example"], All(evt, FieldNames.DnsQuestionName));
        Assert.Equal(["A", "AAAA"], All(evt, FieldNames.DnsQuestionType));
    }

    [Fact]
    public void Parse_Tls_MapsHandshake()
    {
        var (ok, evt, _) = Parse(_parser, "{\"timestamp\":\"2026-06-11T15:00:00Z\",\"event_type\":\"tls\",\"tls\":{\"subject\":\"CN=tickets.example\",\"issuerdn\":\"CN=R3, O=Let's Encrypt\",\"sni\":\"tickets.example\",\"version\":\"TLS 1.2\",\"ja3\":{\"hash\":\"e7d705a3286e19ea42f587b344ee6865\",\"string\":\"771,...\"},\"ja3s\":{\"hash\":\"f4febc55ea12b31ae17cfb7e614afda8\"}}}");

        Assert.True(ok);
        Assert.Equal("tickets.example", evt.Get(FieldNames.TlsServerName));
        Assert.Equal("TLS 1.2", evt.Get(FieldNames.TlsVersion));
        Assert.Equal("e7d705a3286e19ea42f587b344ee6865", evt.Get(FieldNames.TlsClientJa3));
        Assert.Equal("f4febc55ea12b31ae17cfb7e614afda8", evt.Get(FieldNames.TlsServerJa3s));
        Assert.Equal("CN=tickets.example", evt.Get(FieldNames.TlsServerSubject));
        Assert.Equal("CN=R3, O=Let's Encrypt", evt.Get(FieldNames.TlsServerIssuer));
        Assert.Equal(new Logsource(null, "suricata", "tls"), evt.Logsource);
    }

    [Fact]
    public void Parse_Flow_MapsCounters()
    {
        var (ok, evt, _) = Parse(_parser, "{\"timestamp\":\"2026-06-11T15:00:00Z\",\"event_type\":\"flow\",\"proto\":\"TCP\",\"flow\":{\"pkts_toserver\":10,\"pkts_toclient\":8,\"bytes_toserver\":1200,\"bytes_toclient\":64000,\"state\":\"closed\"}}");

        Assert.True(ok);
        Assert.Equal("10", evt.Get(FieldNames.SourcePackets));
        Assert.Equal("8", evt.Get(FieldNames.DestinationPackets));
        Assert.Equal("1200", evt.Get(FieldNames.SourceBytes));
        Assert.Equal("64000", evt.Get(FieldNames.DestinationBytes));
        Assert.Equal(FieldValueKind.Number, KindOf(evt, FieldNames.DestinationBytes));
        Assert.Equal("closed", evt.Get(FieldNames.NetworkState));
        Assert.Equal(new Logsource("network", "suricata", "connection"), evt.Logsource);
    }

    [Fact]
    public void Parse_Http_IsProxyLogsource()
    {
        var (ok, evt, _) = Parse(_parser, "{\"timestamp\":\"2026-06-11T15:00:00Z\",\"event_type\":\"http\",\"http\":{\"url\":\"/\"}}");

        Assert.True(ok);
        Assert.Equal(new Logsource("proxy", "suricata", null), evt.Logsource);
        Assert.Null(evt.Get(FieldNames.UrlQuery));
    }

    [Fact]
    public void Parse_OtherEventType_GetsCachedLogsource()
    {
        const string Line = "{\"timestamp\":\"2026-06-11T15:00:00Z\",\"event_type\":\"fileinfo\"}";
        var (ok, first, _) = Parse(_parser, Line);
        var (_, second, _) = Parse(_parser, Line);

        Assert.True(ok);
        Assert.Equal(new Logsource(null, "suricata", "fileinfo"), first.Logsource);
        Assert.Same(first.Logsource, second.Logsource);
    }

    [Theory]
    // Plain JSON without event_type is not EVE.
    [InlineData("{\"timestamp\":\"2026-06-11T15:00:00Z\",\"src_ip\":\"1.2.3.4\"}")]
    // event_type must be a string naming the record.
    [InlineData("{\"event_type\":7}")]
    // Broken JSON.
    [InlineData("{\"event_type\":\"alert\"")]
    // Nothing to parse.
    [InlineData("")]
    // A CRLF file's blank line arrives as a lone '\r'.
    [InlineData("\r")]
    public void Parse_NotEve_ReturnsReason(string line)
    {
        var (ok, _, error) = Parse(_parser, line);

        Assert.False(ok);
        Assert.NotNull(error);
    }
}
