using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Parses Suricata EVE JSON: every EVE key flattened as written, plus the canonical ECS fields rules are mapped onto.</summary>
/// <remarks>
/// <para>Added ECS fields: <c>@timestamp</c>; <c>source.ip</c>, <c>source.port</c>, <c>destination.ip</c>,
/// <c>destination.port</c>; <c>network.transport</c> (lower-case proto); <c>network.community_id</c>; <c>event.kind</c>
/// (<c>alert</c> or <c>event</c>); <c>event.dataset</c> (<c>suricata.eve</c>); alert: <c>rule.name</c>, <c>rule.id</c>,
/// <c>rule.category</c>, <c>event.severity</c>; http: <c>url.domain</c>, <c>url.original</c>, <c>url.path</c>,
/// <c>url.query</c>, <c>url.extension</c>, <c>http.request.method</c>, <c>user_agent.original</c>,
/// <c>http.response.status_code</c>, <c>http.request.referrer</c>, <c>http.response.body.bytes</c>; dns:
/// <c>dns.question.name</c>, <c>dns.question.type</c>, <c>dns.response_code</c> (<c>dns.type</c> is EVE's own key
/// and already canonical); tls: <c>tls.client.server_name</c>, <c>tls.client.ja3</c>, <c>tls.server.ja3s</c>,
/// <c>tls.server.subject</c>, <c>tls.server.issuer</c> (<c>tls.version</c> is EVE's own key, e.g. <c>TLS 1.2</c>);
/// flow: <c>source.packets</c>, <c>destination.packets</c>, <c>source.bytes</c>, <c>destination.bytes</c>,
/// <c>network.state</c>.</para>
/// <para>The sections are mapped whenever present, not only for their own event_type, because an alert record carries
/// the <c>http</c>, <c>dns</c> or <c>tls</c> object of the transaction that fired it.</para>
/// </remarks>
public sealed class EveParser : ILogParser
{
    private const string DatasetName = "suricata.eve";
    private const int MaxCachedEventTypes = 64;

    private static readonly Logsource s_alert = new(null, "suricata", "alert");
    private static readonly Logsource s_http = new("proxy", "suricata", null);
    private static readonly Logsource s_dns = new("dns", "suricata", null);
    private static readonly Logsource s_flow = new("network", "suricata", "connection");
    private static readonly Logsource s_tls = new(null, "suricata", "tls");

    private readonly JsonFlattener _flattener = new();

    // Other event types (fileinfo, anomaly, ssh, ...) get a logsource each; the names come from the sensor's input, so
    // the cache is capped and any type past the cap gets a fresh instance.
    private readonly Dictionary<string, Logsource> _otherTypes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public LogFormat Format => LogFormat.Eve;

    /// <inheritdoc />
    public bool TryParse(ReadOnlySpan<byte> line, LogEvent evt, out string? error)
    {
        line = ParseText.TrimCr(line);
        if (!_flattener.TryFlatten(line, evt, out error))
        {
            return false;
        }

        var typeSlot = evt.First(IngestFields.EveEventTypeId);
        if (typeSlot < 0 || evt.Kind(typeSlot) != FieldValueKind.String)
        {
            error = "not an EVE record (no event_type)";
            return false;
        }

        var eventType = evt.Text(typeSlot);
        var isAlert = eventType.SequenceEqual("alert");

        var timeSlot = evt.First(IngestFields.EveTimestampId);
        if (!evt.Has(KnownFields.Timestamp) && timeSlot >= 0 && ParseText.TryParseIso(evt.Text(timeSlot), out var time))
        {
            ParseText.SetTimestamp(evt, time);
        }

        Copy(evt, IngestFields.EveSrcIpId, KnownFields.SourceIp);
        Copy(evt, IngestFields.EveSrcPortId, KnownFields.SourcePort);
        Copy(evt, IngestFields.EveDestIpId, KnownFields.DestinationIp);
        Copy(evt, IngestFields.EveDestPortId, KnownFields.DestinationPort);
        Copy(evt, IngestFields.EveCommunityIdId, IngestFields.NetworkCommunityId);
        var protoSlot = evt.First(IngestFields.EveProtoId);
        if (protoSlot >= 0)
        {
            ParseText.AddLower(evt, IngestFields.NetworkTransport, evt.Text(protoSlot));
        }

        evt.Add(KnownFields.EventKind, isAlert ? "alert" : "event");
        evt.Add(KnownFields.EventDataset, DatasetName);

        Copy(evt, IngestFields.EveAlertSignatureId, IngestFields.RuleName);
        Copy(evt, IngestFields.EveAlertSidId, IngestFields.RuleId);
        Copy(evt, IngestFields.EveAlertCategoryId, IngestFields.RuleCategory);
        Copy(evt, IngestFields.EveAlertSeverityId, IngestFields.EventSeverity);

        Copy(evt, IngestFields.EveHttpHostnameId, KnownFields.UrlDomain);
        var urlSlot = evt.First(IngestFields.EveHttpUrlId);
        if (urlSlot >= 0)
        {
            ParseText.AddUrl(evt, evt.Text(urlSlot));
        }

        Copy(evt, IngestFields.EveHttpMethodId, KnownFields.HttpRequestMethod);
        Copy(evt, IngestFields.EveHttpUserAgentId, KnownFields.UserAgentOriginal);
        Copy(evt, IngestFields.EveHttpStatusId, KnownFields.HttpResponseStatusCode);
        Copy(evt, IngestFields.EveHttpReferrerId, KnownFields.HttpRequestReferrer);
        Copy(evt, IngestFields.EveHttpLengthId, KnownFields.HttpResponseBodyBytes);

        // EVE v2 has dns.rrname; Suricata 8's v3 format lists questions in dns.queries[].
        if (!Copy(evt, IngestFields.EveDnsRrnameId, IngestFields.DnsQuestionName))
        {
            Copy(evt, IngestFields.EveDnsQueriesRrnameId, IngestFields.DnsQuestionName);
        }

        if (!Copy(evt, IngestFields.EveDnsRrtypeId, IngestFields.DnsQuestionType))
        {
            Copy(evt, IngestFields.EveDnsQueriesRrtypeId, IngestFields.DnsQuestionType);
        }

        Copy(evt, IngestFields.EveDnsRcodeId, IngestFields.DnsResponseCode);

        Copy(evt, IngestFields.EveTlsSniId, IngestFields.TlsServerName);
        Copy(evt, IngestFields.EveTlsJa3HashId, IngestFields.TlsClientJa3);
        Copy(evt, IngestFields.EveTlsJa3sHashId, IngestFields.TlsServerJa3s);
        Copy(evt, IngestFields.EveTlsSubjectId, IngestFields.TlsServerSubject);
        Copy(evt, IngestFields.EveTlsIssuerId, IngestFields.TlsServerIssuer);

        Copy(evt, IngestFields.EveFlowPktsToServerId, IngestFields.SourcePackets);
        Copy(evt, IngestFields.EveFlowPktsToClientId, IngestFields.DestinationPackets);
        Copy(evt, IngestFields.EveFlowBytesToServerId, IngestFields.SourceBytes);
        Copy(evt, IngestFields.EveFlowBytesToClientId, IngestFields.DestinationBytes);
        Copy(evt, IngestFields.EveFlowStateId, IngestFields.NetworkState);

        if (!evt.Has(KnownFields.EventOriginal))
        {
            evt.AddUtf8(KnownFields.EventOriginal, line);
        }

        evt.Logsource = LogsourceOf(evt.Text(evt.First(IngestFields.EveEventTypeId)));
        error = null;
        return true;
    }

    /// <summary>Copies every value of one field to another, keeping kinds; false when the source field is absent.</summary>
    private static bool Copy(LogEvent evt, int from, int to)
    {
        var slot = evt.First(from);
        if (slot < 0)
        {
            return false;
        }

        // Adding may grow the event's buffer; the span read before stays valid because it points into the old array.
        for (; slot >= 0; slot = evt.Next(slot))
        {
            evt.Add(to, evt.Text(slot), evt.Kind(slot));
        }

        return true;
    }

    private Logsource LogsourceOf(ReadOnlySpan<char> eventType)
    {
        switch (eventType)
        {
            case "alert": return s_alert;
            case "http": return s_http;
            case "dns": return s_dns;
            case "flow": return s_flow;
            case "tls": return s_tls;
        }

        var lookup = _otherTypes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(eventType, out var cached))
        {
            return cached;
        }

        var name = eventType.ToString();
        var logsource = new Logsource(null, "suricata", name);
        if (_otherTypes.Count < MaxCachedEventTypes)
        {
            _otherTypes[name] = logsource;
        }

        return logsource;
    }
}
