namespace Haris.Core.Events;

/// <summary>Registry ids of the canonical fields, resolved once so parsers write them without a lookup.</summary>
public static class KnownFields
{
    public static readonly int Timestamp = FieldRegistry.GetOrAdd(FieldNames.Timestamp);
    public static readonly int EventOriginal = FieldRegistry.GetOrAdd(FieldNames.EventOriginal);
    public static readonly int EventDataset = FieldRegistry.GetOrAdd(FieldNames.EventDataset);
    public static readonly int EventKind = FieldRegistry.GetOrAdd(FieldNames.EventKind);
    public static readonly int EventCategory = FieldRegistry.GetOrAdd(FieldNames.EventCategory);
    public static readonly int EventType = FieldRegistry.GetOrAdd(FieldNames.EventType);
    public static readonly int EventAction = FieldRegistry.GetOrAdd(FieldNames.EventAction);
    public static readonly int EventOutcome = FieldRegistry.GetOrAdd(FieldNames.EventOutcome);
    public static readonly int SourceIp = FieldRegistry.GetOrAdd(FieldNames.SourceIp);
    public static readonly int SourcePort = FieldRegistry.GetOrAdd(FieldNames.SourcePort);
    public static readonly int DestinationIp = FieldRegistry.GetOrAdd(FieldNames.DestinationIp);
    public static readonly int DestinationPort = FieldRegistry.GetOrAdd(FieldNames.DestinationPort);
    public static readonly int HttpRequestMethod = FieldRegistry.GetOrAdd(FieldNames.HttpRequestMethod);
    public static readonly int HttpRequestReferrer = FieldRegistry.GetOrAdd(FieldNames.HttpRequestReferrer);
    public static readonly int HttpResponseStatusCode = FieldRegistry.GetOrAdd(FieldNames.HttpResponseStatusCode);
    public static readonly int HttpResponseBodyBytes = FieldRegistry.GetOrAdd(FieldNames.HttpResponseBodyBytes);
    public static readonly int HttpVersion = FieldRegistry.GetOrAdd(FieldNames.HttpVersion);
    public static readonly int HttpRequestTime = FieldRegistry.GetOrAdd(FieldNames.HttpRequestTime);
    public static readonly int UrlOriginal = FieldRegistry.GetOrAdd(FieldNames.UrlOriginal);
    public static readonly int UrlPath = FieldRegistry.GetOrAdd(FieldNames.UrlPath);
    public static readonly int UrlQuery = FieldRegistry.GetOrAdd(FieldNames.UrlQuery);
    public static readonly int UrlDomain = FieldRegistry.GetOrAdd(FieldNames.UrlDomain);
    public static readonly int UrlExtension = FieldRegistry.GetOrAdd(FieldNames.UrlExtension);
    public static readonly int UserAgentOriginal = FieldRegistry.GetOrAdd(FieldNames.UserAgentOriginal);
    public static readonly int HttpRequestLine = FieldRegistry.GetOrAdd(FieldNames.HttpRequestLine);
    public static readonly int UserName = FieldRegistry.GetOrAdd(FieldNames.UserName);
    public static readonly int HostName = FieldRegistry.GetOrAdd(FieldNames.HostName);
    public static readonly int ProcessName = FieldRegistry.GetOrAdd(FieldNames.ProcessName);
    public static readonly int ProcessPid = FieldRegistry.GetOrAdd(FieldNames.ProcessPid);
    public static readonly int ProcessCommandLine = FieldRegistry.GetOrAdd(FieldNames.ProcessCommandLine);
    public static readonly int Message = FieldRegistry.GetOrAdd(FieldNames.Message);
}
