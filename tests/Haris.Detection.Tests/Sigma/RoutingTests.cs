using Haris.Core.Events;
using Haris.Detection.Sigma;
using static Haris.Detection.Tests.Sigma.RuleHarness;

namespace Haris.Detection.Tests.Sigma;

public sealed class RoutingTests
{
    private const string WebserverSource = "    category: webserver";

    [Fact]
    public void WebserverTaxonomy_ResolvesToCanonicalFields()
    {
        var rule = Rule("    sel:\n        cs-method: POST\n        cs-uri-query|endswith: '/mgmt/tm/util/bash'\n        c-ip|cidr: '203.0.113.0/24'\n    condition: sel", WebserverSource);
        var evt = Event(("http.request.method", "POST"), ("url.original", "/mgmt/tm/util/bash"), ("url.path", "/mgmt/tm/util/bash"), ("source.ip", "203.0.113.9"));
        evt.Logsource = Logsource.Webserver;

        Assert.True(rule.Matches(evt));
    }

    [Fact]
    public void FieldAsWritten_IsUsedWhenTheEventHasNoCanonicalField()
    {
        // JSON whose keys already are Sigma field names (W3C) matches as written.
        var rule = Rule("    sel:\n        cs-method: POST\n    condition: sel", WebserverSource);

        Assert.True(rule.Matches(("cs-method", "POST")));
    }

    [Fact]
    public void CanonicalField_WinsOverTheNameAsWritten()
    {
        var rule = Rule("    sel:\n        CommandLine|contains: whoami\n    condition: sel", "    category: process_creation\n    product: windows");

        Assert.True(rule.Matches(("process.command_line", "cmd /c whoami"), ("CommandLine", "benign")));
        Assert.False(rule.Matches(("process.command_line", "benign"), ("CommandLine", "cmd /c whoami")));
        Assert.True(rule.Matches(("CommandLine", "cmd /c whoami")));
    }

    [Fact]
    public void Events_AreOfferedOnlyToRulesOfTheirLogsource()
    {
        var web = Rule("    keywords:\n        - attack\n    condition: keywords", WebserverSource);
        var sshd = Rule("    keywords:\n        - attack\n    condition: keywords", "    product: linux\n    service: sshd");
        var linux = Rule("    keywords:\n        - attack\n    condition: keywords", "    product: linux");
        var detector = new Detector([web, sshd, linux]);

        Assert.Equal([web], Run(detector, Logsource.Webserver));
        Assert.Equal([sshd, linux], Run(detector, new Logsource(null, "linux", "sshd")));
        Assert.Equal([linux], Run(detector, new Logsource(null, "linux", "cron")));
        // Plain JSON of unknown origin is offered to every rule.
        Assert.Equal([web, sshd, linux], Run(detector, Logsource.Unknown));

        static List<SigmaRule> Run(Detector detector, Logsource source)
        {
            var evt = Event(("message", "attack"));
            evt.Logsource = source;
            var matches = new List<SigmaRule>();
            detector.Evaluate(evt, matches);
            return matches;
        }
    }

    [Fact]
    public void LinearTimeRegex_NeedsNoTimeout_OnInputThatWouldBacktrack()
    {
        // Without lookarounds or backreferences the pattern runs on the linear-time engine: no backtracking at all.
        var options = new RuleLoadOptions { RegexTimeout = TimeSpan.FromMilliseconds(5) };
        var rule = SigmaRuleLoader.LoadText("title: Nested quantifiers\nlogsource: {product: test}\ndetection:\n    sel:\n        f|re: '^(a+)+$'\n    condition: sel\n", "nested.yml", options).Rules.Single();
        var detector = new Detector([rule]);
        var matches = new List<SigmaRule>();

        detector.Evaluate(Event(("f", new string('a', 5000) + "!")), matches);
        detector.Evaluate(Event(("f", new string('a', 5000))), matches);

        Assert.Equal([rule], matches);
        Assert.Equal(0, detector.RegexTimeoutCount);
    }

    [Fact]
    public void RegexTimeout_IsReported_AndOtherRulesStillRun()
    {
        var options = new RuleLoadOptions { RegexTimeout = TimeSpan.FromMilliseconds(5) };
        var slow = SigmaRuleLoader.LoadText("""
            title: Catastrophic backtracking
            id: slow
            logsource: {product: test}
            detection:
                sel:
                    f|re: '^(a+)+(?=b)c'
                condition: sel
            """, "slow.yml", options).Rules.Single();
        var fast = Rule("    sel:\n        f|startswith: aaaa\n    condition: sel");
        var detector = new Detector([slow, fast]);
        var evt = Event(("f", new string('a', 5000) + "!"));
        evt.SourceName = "input.log";
        evt.LineNumber = 7;
        var matches = new List<SigmaRule>();

        detector.Evaluate(evt, matches);

        Assert.Equal([fast], matches);
        Assert.Equal(1, detector.RegexTimeoutCount);
        Assert.Equal(new RegexTimeoutReport("slow", "Catastrophic backtracking", "input.log", 7), Assert.Single(detector.RegexTimeouts));
    }

    [Fact]
    public void AlertFactory_CarriesRuleAttribution_AndInputPosition()
    {
        var rule = Rule("    sel:\n        f: x\n    condition: sel");
        var evt = Event(("f", "x"));
        evt.SourceName = "access.log";
        evt.LineNumber = 42;
        evt.Timestamp = new DateTimeOffset(2026, 6, 11, 18, 0, 0, TimeSpan.Zero);

        var alert = AlertFactory.Create(rule, evt);

        Assert.Equal("Tester", alert.RuleAuthor);
        Assert.Equal("00000000-0000-0000-0000-000000000001", alert.RuleId);
        Assert.Equal(("access.log", 42L), (alert.SourceFile, alert.SourceLine));
        Assert.Equal(Haris.Core.Alerts.AlertLevel.High, alert.Level);
        // The id depends only on rule and position, so a replay gives the same id.
        Assert.Equal(alert.Id, AlertFactory.Create(rule, evt).Id);
        evt.LineNumber = 43;
        Assert.NotEqual(alert.Id, AlertFactory.Create(rule, evt).Id);
    }
}
