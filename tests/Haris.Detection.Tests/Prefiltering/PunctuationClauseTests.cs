using Haris.Core.Events;
using Haris.Detection.Prefiltering;
using Haris.Detection.Sigma;
using Haris.Detection.Tests.Sigma;
using Haris.Ingest.Parsing;

namespace Haris.Detection.Tests.Prefiltering;

/// <summary>Rules whose required texts are one or two punctuation characters (shell separators) are looked for, not run on every event.</summary>
public sealed class PunctuationClauseTests
{
    [Theory]
    // A group of separators before a group of two-letter commands: the separators are rarer, so they are required.
    [InlineData("    sel:\n        f|re: '(;|\\||`|\\$\\()\\s*(id|ls|sh)'\n    condition: sel", "; | ` $(")]
    // Encoded separators stay in the set beside the plain ones.
    [InlineData("    sel:\n        f|re: '(;|%3b)(id|ls)'\n    condition: sel", "; %3b")]
    // An OR with a long text keeps it beside the separators.
    [InlineData("    a:\n        f|re: '(;|&&)\\s*(id|ls)'\n    b:\n        f|contains: '/bin/sh'\n    condition: a or b", "; && /bin/sh")]
    public void PunctuationClause_NamesTheSeparatorsEveryMatchNeeds(string detection, string expected)
    {
        var rule = RuleHarness.Rule(detection);
        Assert.Null(LiteralRequirements.BestClause(rule, RulePrefilter.MinimumLiteralLength));

        var clause = LiteralRequirements.PunctuationClause(rule, RulePrefilter.MinimumLiteralLength);

        Assert.NotNull(clause);
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), clause.Select(r => r.Literal).Order(StringComparer.Ordinal));
    }

    [Theory]
    // Two letters stand in too many values to be worth looking for.
    [InlineData("    sel:\n        m: 'ab'\n    condition: sel")]
    [InlineData("    sel:\n        f|re: '(id|ls)x'\n    condition: sel")]
    // One side of an OR without any required text: nothing is required of the OR.
    [InlineData("    a:\n        f|re: '(;|&&)id'\n    b:\n        f|re: 'x+'\n    condition: a or b")]
    public void PunctuationClause_IsNone_ForShortLettersOrNothing(string detection) =>
        Assert.Null(LiteralRequirements.PunctuationClause(RuleHarness.Rule(detection), RulePrefilter.MinimumLiteralLength));

    [Fact]
    public void CommandInjectionRule_RunsOnlyOnEventsWithASeparatorOrShell()
    {
        var rule = Assert.Single(SigmaRuleLoader.LoadBuiltin().Rules, r => r.Name == "haris_web_command_injection");
        var prefilter = new RulePrefilter([rule]);
        var active = new bool[1];

        Assert.Equal(0, prefilter.AlwaysOnCount);
        prefilter.Activate(Parse("/tickets/match/12/seats?zone=3&sort=price"), active);
        Assert.False(active[0]);
        prefilter.Activate(Parse("/search?q=x;id"), active);
        Assert.True(active[0]);
    }

    [Theory]
    [InlineData("/search?q=x;id", true)]
    [InlineData("/search?q=x%3Bwhoami", true)]
    [InlineData("/search?q=x|cat%20/etc/passwd", true)]
    [InlineData("/search?q=x%7cuname", true)]
    [InlineData("/search?q=x&&curl+evil", true)]
    [InlineData("/search?q=$(sleep%205)", true)]
    [InlineData("/search?q=%24%28id%29", true)]
    [InlineData("/search?q=`id`", true)]
    [InlineData("/search?q=%60ls%60", true)]
    [InlineData("/run?c=/bin/sh", true)]
    [InlineData("/tickets/match/12/seats?zone=3&id=4", false)]
    [InlineData("/shop/details?sort=ls", false)]
    public void CommandInjectionRule_VerdictIsTheSameWithAndWithoutThePrefilter(string target, bool expected)
    {
        var rule = Assert.Single(SigmaRuleLoader.LoadBuiltin().Rules, r => r.Name == "haris_web_command_injection");
        var evt = Parse(target);

        foreach (var usePrefilter in new[] { true, false })
        {
            var matches = new List<SigmaRule>();
            new Detector([rule], new DetectorOptions { UsePrefilter = usePrefilter }).Evaluate(evt, matches);
            Assert.Equal(expected, matches.Count == 1);
        }
    }

    private static LogEvent Parse(string target)
    {
        var evt = new LogEvent();
        evt.Reset();
        var line = System.Text.Encoding.UTF8.GetBytes($"203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"GET {target} HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0\"");
        Assert.True(new CombinedLogParser().TryParse(line, evt, out _));
        return evt;
    }
}
