namespace Haris.Core.Events;

/// <summary>Canonical field names (Elastic Common Schema) that parsers produce and rules are mapped onto.</summary>
public static class FieldNames
{
    public const string Timestamp = "@timestamp";
    public const string EventOriginal = "event.original";
    public const string EventDataset = "event.dataset";
    public const string EventKind = "event.kind";
    public const string EventCategory = "event.category";
    public const string EventType = "event.type";
    public const string EventAction = "event.action";
    public const string EventOutcome = "event.outcome";
    public const string EventModule = "event.module";

    public const string SourceIp = "source.ip";
    public const string SourcePort = "source.port";
    public const string SourceBytes = "source.bytes";
    public const string SourcePackets = "source.packets";
    public const string DestinationIp = "destination.ip";
    public const string DestinationPort = "destination.port";
    public const string DestinationBytes = "destination.bytes";
    public const string DestinationPackets = "destination.packets";

    public const string HttpRequestMethod = "http.request.method";
    public const string HttpRequestReferrer = "http.request.referrer";
    public const string HttpRequestBytes = "http.request.bytes";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string HttpResponseBodyBytes = "http.response.body.bytes";
    public const string HttpVersion = "http.version";
    public const string HttpRequestCookie = "http.request.cookie";

    /// <summary>The raw request line of an access log (not ECS), kept even when it is not HTTP (TLS bytes, scanner garbage).</summary>
    public const string HttpRequestLine = "http.request.line";
    public const string HttpRequestTime = "http.request.duration";

    public const string UrlOriginal = "url.original";
    public const string UrlPath = "url.path";
    public const string UrlQuery = "url.query";
    public const string UrlDomain = "url.domain";
    public const string UrlExtension = "url.extension";
    public const string UserAgentOriginal = "user_agent.original";

    public const string UserName = "user.name";
    public const string UserTargetName = "user.target.name";
    public const string HostName = "host.name";
    public const string HostIp = "host.ip";

    public const string ProcessName = "process.name";
    public const string ProcessPid = "process.pid";
    public const string ProcessCommandLine = "process.command_line";
    public const string ProcessExecutable = "process.executable";
    public const string ProcessWorkingDirectory = "process.working_directory";

    public const string LogSyslogFacility = "log.syslog.facility.name";
    public const string LogSyslogSeverity = "log.syslog.severity.name";
    public const string LogSyslogPriority = "log.syslog.priority";
    public const string LogSyslogAppName = "log.syslog.appname";
    public const string LogSyslogMsgId = "log.syslog.msgid";
    public const string LogSyslogVersion = "log.syslog.version";
    public const string Message = "message";

    public const string NetworkTransport = "network.transport";
    public const string NetworkProtocol = "network.protocol";
    public const string NetworkCommunityId = "network.community_id";
    public const string NetworkState = "network.state";
    public const string EventDuration = "event.duration";

    public const string DnsQuestionName = "dns.question.name";
    public const string DnsQuestionType = "dns.question.type";
    public const string DnsAnswersData = "dns.answers.data";
    public const string DnsResponseCode = "dns.response_code";
    public const string DnsId = "dns.id";
    public const string DnsType = "dns.type";

    public const string TlsServerName = "tls.client.server_name";
    public const string TlsVersion = "tls.version";
    public const string TlsClientJa3 = "tls.client.ja3";
    public const string TlsServerJa3s = "tls.server.ja3s";
    public const string TlsServerSubject = "tls.server.subject";
    public const string TlsServerIssuer = "tls.server.issuer";

    public const string RuleName = "rule.name";
    public const string RuleId = "rule.id";
    public const string RuleCategory = "rule.category";
    public const string EventSeverity = "event.severity";
    public const string ObserverVendor = "observer.vendor";
    public const string ObserverProduct = "observer.product";
}
