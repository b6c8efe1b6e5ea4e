using Haris.Core.Alerts;

namespace Haris.Core.Tests.Alerts;

public sealed class AlertTests
{
    [Fact]
    public void SubjectSourceIp_SingleEvent_IsTheEventsSourceIp() =>
        Assert.Equal("203.0.113.5", Make(group: null, fields: [new("source.ip", "203.0.113.5")]).SubjectSourceIp);

    [Fact]
    public void SubjectSourceIp_CorrelationBySource_IsTheGroupValue() =>
        Assert.Equal("198.51.100.7", Make([new("source.ip", "198.51.100.7")], [new("source.ip", "203.0.113.5")]).SubjectSourceIp);

    [Fact]
    public void SubjectSourceIp_CorrelationByPath_IsNone_WhateverTheLastEventSays() =>
        Assert.Null(Make([new("url.path", "/")], [new("source.ip", "203.0.113.5")]).SubjectSourceIp);

    private static Alert Make(List<KeyValuePair<string, string?>>? group, List<KeyValuePair<string, object?>> fields) => new()
    {
        Id = "1",
        RuleId = "r",
        RuleTitle = "R",
        Level = AlertLevel.High,
        Group = group,
        Fields = fields,
    };
}
