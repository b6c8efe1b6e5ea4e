using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Field names the parsers emit beyond <see cref="FieldNames"/>, and registry ids for every field they write.</summary>
/// <remarks>
/// Names that are not in ECS are chosen to sit next to their ECS neighbours (<c>http.request.*</c>) so a rule author
/// finds them; names read from Suricata EVE are EVE's own keys after flattening.
/// </remarks>
internal static class IngestFields
{
    /// <summary>The raw request line of an access log, kept even when it is not HTTP (TLS bytes, scanner garbage).</summary>
    public const string HttpRequestLine = FieldNames.HttpRequestLine;

    /// <summary>The quoted X-Forwarded-For field that nginx's default <c>main</c> format appends after the user agent.</summary>
    public const string HttpRequestXForwardedFor = "http.request.x_forwarded_for";

    /// <summary>A client written as a host name (Apache <c>HostnameLookups On</c>, PAM <c>rhost=</c> names).</summary>
    public const string SourceDomain = "source.domain";

    /// <summary>Prefix of RFC 5424 structured data parameters: <c>log.syslog.structured_data.&lt;SDID&gt;.&lt;param&gt;</c>.</summary>
    public const string StructuredDataPrefix = "log.syslog.structured_data.";

    // Suricata EVE keys, as the flattener names them.
    public const string EveEventType = "event_type";
    public const string EveTimestamp = "timestamp";
    public const string EveSrcIp = "src_ip";
    public const string EveSrcPort = "src_port";
    public const string EveDestIp = "dest_ip";
    public const string EveDestPort = "dest_port";
    public const string EveProto = "proto";
    public const string EveAlertSignature = "alert.signature";
    public const string EveAlertSid = "alert.signature_id";
    public const string EveAlertCategory = "alert.category";
    public const string EveAlertSeverity = "alert.severity";
    public const string EveHttpHostname = "http.hostname";
    public const string EveHttpUrl = "http.url";
    public const string EveHttpMethod = "http.http_method";
    public const string EveHttpUserAgent = "http.http_user_agent";
    public const string EveHttpStatus = "http.status";
    public const string EveHttpReferrer = "http.http_refer";
    public const string EveHttpLength = "http.length";
    public const string EveDnsRrname = "dns.rrname";
    public const string EveDnsRrtype = "dns.rrtype";
    public const string EveDnsRcode = "dns.rcode";
    public const string EveDnsQueriesRrname = "dns.queries.rrname";
    public const string EveDnsQueriesRrtype = "dns.queries.rrtype";
    public const string EveTlsSni = "tls.sni";
    public const string EveTlsJa3Hash = "tls.ja3.hash";
    public const string EveTlsJa3sHash = "tls.ja3s.hash";
    public const string EveTlsSubject = "tls.subject";
    public const string EveTlsIssuer = "tls.issuerdn";
    public const string EveFlowPktsToServer = "flow.pkts_toserver";
    public const string EveFlowPktsToClient = "flow.pkts_toclient";
    public const string EveFlowBytesToServer = "flow.bytes_toserver";
    public const string EveFlowBytesToClient = "flow.bytes_toclient";
    public const string EveFlowState = "flow.state";
    public const string EveCommunityId = "community_id";

    public static readonly int HttpRequestLineId = FieldRegistry.GetOrAdd(HttpRequestLine);
    public static readonly int HttpRequestXForwardedForId = FieldRegistry.GetOrAdd(HttpRequestXForwardedFor);
    public static readonly int SourceDomainId = FieldRegistry.GetOrAdd(SourceDomain);
    public static readonly int UserTargetName = FieldRegistry.GetOrAdd(FieldNames.UserTargetName);
    public static readonly int ProcessWorkingDirectory = FieldRegistry.GetOrAdd(FieldNames.ProcessWorkingDirectory);
    public static readonly int LogSyslogPriority = FieldRegistry.GetOrAdd(FieldNames.LogSyslogPriority);
    public static readonly int LogSyslogFacility = FieldRegistry.GetOrAdd(FieldNames.LogSyslogFacility);
    public static readonly int LogSyslogSeverity = FieldRegistry.GetOrAdd(FieldNames.LogSyslogSeverity);
    public static readonly int LogSyslogAppName = FieldRegistry.GetOrAdd(FieldNames.LogSyslogAppName);
    public static readonly int LogSyslogMsgId = FieldRegistry.GetOrAdd(FieldNames.LogSyslogMsgId);
    public static readonly int LogSyslogVersion = FieldRegistry.GetOrAdd(FieldNames.LogSyslogVersion);
    public static readonly int SourceBytes = FieldRegistry.GetOrAdd(FieldNames.SourceBytes);
    public static readonly int SourcePackets = FieldRegistry.GetOrAdd(FieldNames.SourcePackets);
    public static readonly int DestinationBytes = FieldRegistry.GetOrAdd(FieldNames.DestinationBytes);
    public static readonly int DestinationPackets = FieldRegistry.GetOrAdd(FieldNames.DestinationPackets);
    public static readonly int NetworkTransport = FieldRegistry.GetOrAdd(FieldNames.NetworkTransport);
    public static readonly int NetworkState = FieldRegistry.GetOrAdd(FieldNames.NetworkState);
    public static readonly int NetworkCommunityId = FieldRegistry.GetOrAdd(FieldNames.NetworkCommunityId);
    public static readonly int DnsQuestionName = FieldRegistry.GetOrAdd(FieldNames.DnsQuestionName);
    public static readonly int DnsQuestionType = FieldRegistry.GetOrAdd(FieldNames.DnsQuestionType);
    public static readonly int DnsResponseCode = FieldRegistry.GetOrAdd(FieldNames.DnsResponseCode);
    public static readonly int DnsType = FieldRegistry.GetOrAdd(FieldNames.DnsType);
    public static readonly int TlsServerName = FieldRegistry.GetOrAdd(FieldNames.TlsServerName);
    public static readonly int TlsVersion = FieldRegistry.GetOrAdd(FieldNames.TlsVersion);
    public static readonly int TlsClientJa3 = FieldRegistry.GetOrAdd(FieldNames.TlsClientJa3);
    public static readonly int TlsServerJa3s = FieldRegistry.GetOrAdd(FieldNames.TlsServerJa3s);
    public static readonly int TlsServerSubject = FieldRegistry.GetOrAdd(FieldNames.TlsServerSubject);
    public static readonly int TlsServerIssuer = FieldRegistry.GetOrAdd(FieldNames.TlsServerIssuer);
    public static readonly int RuleName = FieldRegistry.GetOrAdd(FieldNames.RuleName);
    public static readonly int RuleId = FieldRegistry.GetOrAdd(FieldNames.RuleId);
    public static readonly int RuleCategory = FieldRegistry.GetOrAdd(FieldNames.RuleCategory);
    public static readonly int EventSeverity = FieldRegistry.GetOrAdd(FieldNames.EventSeverity);

    public static readonly int EveEventTypeId = FieldRegistry.GetOrAdd(EveEventType);
    public static readonly int EveTimestampId = FieldRegistry.GetOrAdd(EveTimestamp);
    public static readonly int EveSrcIpId = FieldRegistry.GetOrAdd(EveSrcIp);
    public static readonly int EveSrcPortId = FieldRegistry.GetOrAdd(EveSrcPort);
    public static readonly int EveDestIpId = FieldRegistry.GetOrAdd(EveDestIp);
    public static readonly int EveDestPortId = FieldRegistry.GetOrAdd(EveDestPort);
    public static readonly int EveProtoId = FieldRegistry.GetOrAdd(EveProto);
    public static readonly int EveAlertSignatureId = FieldRegistry.GetOrAdd(EveAlertSignature);
    public static readonly int EveAlertSidId = FieldRegistry.GetOrAdd(EveAlertSid);
    public static readonly int EveAlertCategoryId = FieldRegistry.GetOrAdd(EveAlertCategory);
    public static readonly int EveAlertSeverityId = FieldRegistry.GetOrAdd(EveAlertSeverity);
    public static readonly int EveHttpHostnameId = FieldRegistry.GetOrAdd(EveHttpHostname);
    public static readonly int EveHttpUrlId = FieldRegistry.GetOrAdd(EveHttpUrl);
    public static readonly int EveHttpMethodId = FieldRegistry.GetOrAdd(EveHttpMethod);
    public static readonly int EveHttpUserAgentId = FieldRegistry.GetOrAdd(EveHttpUserAgent);
    public static readonly int EveHttpStatusId = FieldRegistry.GetOrAdd(EveHttpStatus);
    public static readonly int EveHttpReferrerId = FieldRegistry.GetOrAdd(EveHttpReferrer);
    public static readonly int EveHttpLengthId = FieldRegistry.GetOrAdd(EveHttpLength);
    public static readonly int EveDnsRrnameId = FieldRegistry.GetOrAdd(EveDnsRrname);
    public static readonly int EveDnsRrtypeId = FieldRegistry.GetOrAdd(EveDnsRrtype);
    public static readonly int EveDnsRcodeId = FieldRegistry.GetOrAdd(EveDnsRcode);
    public static readonly int EveDnsQueriesRrnameId = FieldRegistry.GetOrAdd(EveDnsQueriesRrname);
    public static readonly int EveDnsQueriesRrtypeId = FieldRegistry.GetOrAdd(EveDnsQueriesRrtype);
    public static readonly int EveTlsSniId = FieldRegistry.GetOrAdd(EveTlsSni);
    public static readonly int EveTlsJa3HashId = FieldRegistry.GetOrAdd(EveTlsJa3Hash);
    public static readonly int EveTlsJa3sHashId = FieldRegistry.GetOrAdd(EveTlsJa3sHash);
    public static readonly int EveTlsSubjectId = FieldRegistry.GetOrAdd(EveTlsSubject);
    public static readonly int EveTlsIssuerId = FieldRegistry.GetOrAdd(EveTlsIssuer);
    public static readonly int EveFlowPktsToServerId = FieldRegistry.GetOrAdd(EveFlowPktsToServer);
    public static readonly int EveFlowPktsToClientId = FieldRegistry.GetOrAdd(EveFlowPktsToClient);
    public static readonly int EveFlowBytesToServerId = FieldRegistry.GetOrAdd(EveFlowBytesToServer);
    public static readonly int EveFlowBytesToClientId = FieldRegistry.GetOrAdd(EveFlowBytesToClient);
    public static readonly int EveFlowStateId = FieldRegistry.GetOrAdd(EveFlowState);
    public static readonly int EveCommunityIdId = FieldRegistry.GetOrAdd(EveCommunityId);
}
