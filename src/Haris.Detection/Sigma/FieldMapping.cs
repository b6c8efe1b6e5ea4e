using System.Collections.Frozen;
using Haris.Core.Events;

namespace Haris.Detection.Sigma;

/// <summary>Maps the Sigma taxonomy's field names of each logsource onto the canonical (ECS) names parsers produce.</summary>
/// <remarks>
/// <c>cs-uri-query</c> maps to the full request target (<c>url.original</c>), not to the query string alone: SigmaHQ's
/// webserver rules match path fragments in it (<c>endswith: '/mgmt/tm/util/bash'</c>, <c>contains: '../../../etc/'</c>).
/// The query string alone stays reachable as <c>url.query</c>. See docs/sigma.md.
/// </remarks>
internal static class FieldMapping
{
    private static readonly FrozenDictionary<string, string> s_webserver = new Dictionary<string, string>
    {
        ["c-ip"] = FieldNames.SourceIp,
        ["cs-username"] = FieldNames.UserName,
        ["cs-method"] = FieldNames.HttpRequestMethod,
        ["cs-uri-stem"] = FieldNames.UrlPath,
        ["cs-uri-query"] = FieldNames.UrlOriginal,
        ["cs-uri"] = FieldNames.UrlOriginal,
        ["sc-status"] = FieldNames.HttpResponseStatusCode,
        ["sc-bytes"] = FieldNames.HttpResponseBodyBytes,
        ["cs-bytes"] = FieldNames.HttpRequestBytes,
        ["time-taken"] = FieldNames.HttpRequestTime,
        ["cs-version"] = FieldNames.HttpVersion,
        ["cs-host"] = FieldNames.UrlDomain,
        ["cs-user-agent"] = FieldNames.UserAgentOriginal,
        ["cs-cookie"] = FieldNames.HttpRequestCookie,
        ["cs-referer"] = FieldNames.HttpRequestReferrer,
        ["s-computername"] = FieldNames.HostName,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_proxy = new Dictionary<string, string>
    {
        ["c-uri"] = FieldNames.UrlOriginal,
        ["cs-uri"] = FieldNames.UrlOriginal,
        ["c-uri-stem"] = FieldNames.UrlPath,
        ["c-uri-query"] = FieldNames.UrlQuery,
        ["c-uri-extension"] = FieldNames.UrlExtension,
        ["c-useragent"] = FieldNames.UserAgentOriginal,
        ["cs-host"] = FieldNames.UrlDomain,
        ["r-dns"] = FieldNames.UrlDomain,
        ["cs-method"] = FieldNames.HttpRequestMethod,
        ["cs-referrer"] = FieldNames.HttpRequestReferrer,
        ["cs-version"] = FieldNames.HttpVersion,
        ["sc-status"] = FieldNames.HttpResponseStatusCode,
        ["sc-bytes"] = FieldNames.HttpResponseBodyBytes,
        ["cs-bytes"] = FieldNames.HttpRequestBytes,
        ["cs-cookie"] = FieldNames.HttpRequestCookie,
        ["src_ip"] = FieldNames.SourceIp,
        ["dst_ip"] = FieldNames.DestinationIp,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_firewall = new Dictionary<string, string>
    {
        ["src_ip"] = FieldNames.SourceIp,
        ["src_port"] = FieldNames.SourcePort,
        ["dst_ip"] = FieldNames.DestinationIp,
        ["dst_port"] = FieldNames.DestinationPort,
        ["username"] = FieldNames.UserName,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_dns = new Dictionary<string, string>
    {
        ["query"] = FieldNames.DnsQuestionName,
        ["record_type"] = FieldNames.DnsQuestionType,
        ["answer"] = FieldNames.DnsAnswersData,
        ["src_ip"] = FieldNames.SourceIp,
        ["dst_ip"] = FieldNames.DestinationIp,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_processCreation = new Dictionary<string, string>
    {
        ["Image"] = FieldNames.ProcessExecutable,
        ["CommandLine"] = FieldNames.ProcessCommandLine,
        ["CurrentDirectory"] = FieldNames.ProcessWorkingDirectory,
        ["ProcessId"] = FieldNames.ProcessPid,
        ["User"] = FieldNames.UserName,
        ["ParentImage"] = "process.parent.executable",
        ["ParentCommandLine"] = "process.parent.command_line",
        ["ParentProcessId"] = "process.parent.pid",
        ["OriginalFileName"] = "process.pe.original_file_name",
        ["Description"] = "process.pe.description",
        ["Product"] = "process.pe.product",
        ["Company"] = "process.pe.company",
        ["FileVersion"] = "process.pe.file_version",
        ["md5"] = "process.hash.md5",
        ["sha1"] = "process.hash.sha1",
        ["sha256"] = "process.hash.sha256",
        ["imphash"] = "process.pe.imphash",
        ["ParentUser"] = "process.parent.user.name",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_empty = FrozenDictionary<string, string>.Empty;

    /// <summary>The canonical name of <paramref name="field"/> for rules of <paramref name="logsource"/>, or the name itself.</summary>
    public static string Canonical(Logsource logsource, string field)
    {
        var table = logsource.Category switch
        {
            "webserver" => s_webserver,
            "proxy" => s_proxy,
            "firewall" => s_firewall,
            "dns" => s_dns,
            "process_creation" => s_processCreation,
            _ => s_empty,
        };

        return table.TryGetValue(field, out var canonical) ? canonical : field;
    }
}
