using Haris.Core.Alerts;
using Haris.Core.Events;

namespace Haris.Cli.Tests.Output;

/// <summary>An alert whose every attacker-controlled field tries to break the output it is written to.</summary>
internal static class HostileAlert
{
    public const string Url = "/search?q=<script>alert(\"x\")</script>,[red]boom[/],\r\nnext";
    public const string UserAgent = "=HYPERLINK(\"http://198.51.100.9\",\"click\")";
    public const string RuleTitle = "Rule [bold]with[/] markup";

    public static Alert Create() => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        RuleId = "6c6a3d8e-7c43-4e7b-9a2f-2f8f3b7b1a11",
        RuleTitle = RuleTitle,
        RuleName = "hostile_rule",
        RuleAuthor = "Haris, Tester",
        Level = AlertLevel.High,
        Timestamp = new DateTimeOffset(2026, 6, 14, 18, 0, 0, TimeSpan.Zero),
        Tags = ["attack.initial-access", "attack.t1190"],
        SourceFile = "logs/[x] access.log",
        SourceLine = 7,
        Fields =
        [
            new(FieldNames.SourceIp, "203.0.113.66"),
            new(FieldNames.HttpRequestMethod, "GET"),
            new(FieldNames.UrlOriginal, Url),
            new(FieldNames.HttpResponseStatusCode, "200"),
            new(FieldNames.UserAgentOriginal, UserAgent),
            new(FieldNames.UserName, "-"),
        ],
    };
}
