using Haris.Core.Events;
using Haris.Detection.Prefiltering;
using Haris.Detection.Sigma;
using Haris.Detection.Tests.Sigma;
using Haris.Ingest.Parsing;
using Haris.Simulation;

namespace Haris.Detection.Tests.Prefiltering;

public sealed class PrefilterTests
{
    [Theory]
    // A plain value must occur in its field.
    [InlineData("    sel:\n        f|contains: 'union select'\n    condition: sel", "union select")]
    // AND: the most selective side is chosen (its shortest text is longest).
    [InlineData("    a:\n        m: GET\n    b:\n        f|contains: ['information_schema', 'sleep(']\n    condition: a and b", "information_schema|sleep(")]
    // OR: one text of each side.
    [InlineData("    a:\n        f|endswith: '.php'\n    b:\n        g|startswith: '/admin'\n    condition: a or b", ".php|/admin")]
    // Keywords: texts searched in any value.
    [InlineData("    keywords:\n        - '.git/'\n        - 'wp-config'\n    condition: keywords", ".git/|wp-config")]
    // Regular expressions: the plain text at their top level, or a group of plain alternatives.
    [InlineData("    sel:\n        f|re: 'union\\s+select'\n    condition: sel", "select")]
    [InlineData("    sel:\n        f|re: '(?i)\\.\\.\\\\'\n    condition: sel", "..\\")]
    [InlineData("    sel:\n        f|re: '[\"'']on(error|load|focus)\\s*='\n    condition: sel", "error|load|focus")]
    // Quantifiers end a run of required text: b+ still needs one b, g? needs none; an optional group is skipped.
    [InlineData("    sel:\n        f|re: 'abc+defg?h'\n    condition: sel", "abc")]
    [InlineData("    sel:\n        f|re: 'sel(ect)?ion'\n    condition: sel", "sel")]
    // Wildcards: the longest literal run.
    [InlineData("    sel:\n        f: '*/etc/*passwd?x'\n    condition: sel", "passwd")]
    public void BestClause_NamesTextsEveryMatchMustContain(string detection, string expected)
    {
        var rule = RuleHarness.Rule(detection);

        var clause = LiteralRequirements.BestClause(rule, RulePrefilter.MinimumLiteralLength);

        Assert.NotNull(clause);
        Assert.Equal(expected.Split('|').Order(), clause.Select(r => r.Literal).Order());
    }

    [Theory]
    // Nothing can be required of a negation, a number, a network, exists or null, nor of a regular expression whose
    // top level is an alternation or holds no plain text.
    [InlineData("    sel:\n        f: x\n    condition: not sel")]
    [InlineData("    sel:\n        f|re: 'union|select'\n    condition: sel")]
    [InlineData("    sel:\n        f|re: '\\d+\\s*[a-z]+'\n    condition: sel")]
    [InlineData("    sel:\n        sc-status: 404\n    condition: sel")]
    [InlineData("    sel:\n        ip|cidr: 10.0.0.0/8\n    condition: sel")]
    [InlineData("    sel:\n        f|exists: true\n    condition: sel")]
    [InlineData("    sel:\n        f: null\n    condition: sel")]
    // An OR where one side has no text: the OR as a whole has none.
    [InlineData("    a:\n        f|contains: 'needle'\n    b:\n        f|re: 'x+'\n    condition: a or b")]
    // Texts shorter than three characters are not worth a lookup.
    [InlineData("    sel:\n        m: 'ab'\n    condition: sel")]
    public void BestClause_IsNone_WhereNothingCanBeRequired(string detection) =>
        Assert.Null(LiteralRequirements.BestClause(RuleHarness.Rule(detection), RulePrefilter.MinimumLiteralLength));

    [Theory]
    // The raw line holds \"<b>\"; only the unescaped user agent holds "<b>", so it must be searched on its own, for the
    // keywords and for its field's texts.
    [InlineData("    keywords:\n        - '\"<b>\"'\n    condition: keywords")]
    [InlineData("    sel:\n        user_agent.original|contains: 'map \"<b>'\n    condition: sel")]
    public void TextsInAnUnescapedValue_AreFound_ThoughTheRawLineSpellsThemOtherwise(string detection)
    {
        var rule = RuleHarness.Rule(detection, "    category: webserver");
        var evt = new LogEvent();
        var line = "203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"GET / HTTP/1.1\" 200 5 \"-\" \"sqlmap \\\"<b>\\\" x\""u8;
        Assert.True(new CombinedLogParser().TryParse(line, evt, out _));
        Assert.Equal("sqlmap \"<b>\" x", evt.Get(FieldNames.UserAgentOriginal));

        var matches = new List<SigmaRule>();
        new Detector([rule]).Evaluate(evt, matches);

        Assert.Equal([rule], matches);
    }

    [Theory]
    // In the field's own value: found by the search of the raw line and placed inside the field.
    [InlineData("url.path|contains: '/.env'", "GET /app/.env HTTP/1.1", "-", true)]
    [InlineData("url.original|contains: 'union select'", "GET /s?q=1 UNION SELECT 2 HTTP/1.1", "-", true)]
    // The same text elsewhere in the line (here the referrer) does not make the field's rule match.
    [InlineData("url.path|contains: '/.env'", "GET /home HTTP/1.1", "https://x.example/.env", false)]
    // In the user agent, a quoted piece of its own.
    [InlineData("user_agent.original|contains: 'x86_64'", "GET /home HTTP/1.1", "-", true)]
    // In a request long enough to be looked up as a piece.
    [InlineData("url.path|contains: '/.env'", "GET /static/application/.env HTTP/1.1", "-", true)]
    public void FieldTexts_FoundInTheRawLine_CountForTheFieldThatHoldsThem(string selection, string request, string referrer, bool expected)
    {
        var rule = RuleHarness.Rule($"    sel:\n        {selection}\n    condition: sel", "    category: webserver");
        var prefilter = new RulePrefilter([rule]);
        var detector = new Detector([rule]);
        var evt = new LogEvent();
        var line = System.Text.Encoding.UTF8.GetBytes($"203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"{request}\" 200 5 \"{referrer}\" \"Mozilla/5.0 (X11; Linux x86_64)\"");

        // The second time, the request, referrer and user agent are looked up rather than searched.
        for (var pass = 0; pass < 2; pass++)
        {
            evt.Reset();
            Assert.True(new CombinedLogParser().TryParse(line, evt, out _));
            var active = new bool[1];

            prefilter.Activate(evt, active);
            var matches = new List<SigmaRule>();
            detector.Evaluate(evt, matches);

            Assert.Equal(expected, active[0]);
            Assert.Equal(expected, matches.Count == 1);
        }
    }

    [Theory]
    // Inside the user agent, which is looked up once seen: the second identical line must match as the first did.
    [InlineData("nikto-probe", "-", "Mozilla/5.0 nikto-probe scanner build")]
    // Inside the referrer, looked up the same way.
    [InlineData("jndi-marker", "https://bad.example/?x=jndi-marker&y=1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    // Spanning the quotes between referrer and user agent: found in the whole line, not in either piece.
    [InlineData("ref-end\" \"Mozilla", "https://site.example/ref-end", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    // In the request, itself a quoted piece looked up once seen.
    [InlineData("GET /admin-panel", "https://site.example/page-one", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    // Across the end of the request and the status that follows it.
    [InlineData("HTTP/1.1\" 200", "https://site.example/page-one", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    // Before the first piece, across the client address and the time field: searched with the text around the pieces.
    [InlineData("113.5 - - [11/Jun", "https://site.example/page-one", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    // Between the pieces, in text that is never looked up: the status and size.
    [InlineData(" 200 5 ", "https://site.example/page-one", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    // Across the end of the user agent and the end of the line.
    [InlineData("Firefox/140.0\"", "-", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")]
    public void Keywords_AroundAndInsideRepeatedPieces_AreFoundEveryTime(string keyword, string referrer, string agent)
    {
        var rule = RuleHarness.Rule($"    keywords:\n        - '{keyword}'\n    condition: keywords", "    category: webserver");
        var other = RuleHarness.Rule("    keywords:\n        - 'never-present-text'\n    condition: keywords", "    category: webserver");
        var detector = new Detector([rule, other]);
        var line = System.Text.Encoding.UTF8.GetBytes($"203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"GET /admin-panel HTTP/1.1\" 200 5 \"{referrer}\" \"{agent}\"");
        var clean = System.Text.Encoding.UTF8.GetBytes($"203.0.113.6 - - [11/Jun/2026:18:00:02 +0300] \"GET /home HTTP/1.1\" 404 7 \"https://site.example/x\" \"Mozilla/5.0 (Windows NT 10.0) Chrome/131.0\"");
        var parser = new CombinedLogParser();
        var evt = new LogEvent();

        foreach (var (bytes, expected) in new[] { (line, true), (clean, false), (line, true), (clean, false) })
        {
            evt.Reset();
            Assert.True(parser.TryParse(bytes, evt, out _));
            var matches = new List<SigmaRule>();
            detector.Evaluate(evt, matches);
            Assert.Equal(expected, matches.Contains(rule));
            Assert.DoesNotContain(other, matches);
        }
    }

    [Theory]
    // The Kelvin sign (U+212A) folds to 'k' for a culture-invariant regex but not under ordinal rules.
    [InlineData("\u212Aeyword-scan", "user_agent.original|re|i: 'keyword-scan'", true)]
    // (?i) inside the pattern asks for the same folding as |i.
    [InlineData("\u212Aeyword-scan", "user_agent.original|re: '(?i)keyword-scan'", true)]
    // The same, with text before and after the folded letter.
    [InlineData("x \u212Aeyword-scan y", "user_agent.original|re|i: 'keyword-scan'", true)]
    // The other way round: the rule's text holds the Kelvin sign and the line a plain k.
    [InlineData("keyword-scan", "user_agent.original|re|i: '\u212Aeyword-scan'", true)]
    // The Angstrom sign (U+212B) folds to a-ring (U+00E5) for the regex; neither is ASCII.
    [InlineData("caf\u212B-scan", "user_agent.original|re|i: 'caf\u00E5-scan'", true)]
    // The long s (U+017F) is no case variant of 's' for a culture-invariant regex: no match, with or without prefilter.
    [InlineData("union \u017Felect", "user_agent.original|re|i: 'union\\s+select'", false)]
    public void CaseInsensitiveRegex_FoldingBeyondOrdinalRules_GivesTheSameVerdictWithPrefilter(string agent, string selection, bool expected)
    {
        var rule = RuleHarness.Rule($"    sel:\n        {selection}\n    condition: sel", "    category: webserver");
        var filtered = new Detector([rule]);
        var unfiltered = new Detector([rule], new DetectorOptions { UsePrefilter = false });
        var line = System.Text.Encoding.UTF8.GetBytes($"203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"GET /index.html HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0 {agent}\"");
        var parser = new CombinedLogParser();
        var evt = new LogEvent();

        // Twice: the second time the user agent comes from the table of repeated values.
        for (var pass = 0; pass < 2; pass++)
        {
            evt.Reset();
            Assert.True(parser.TryParse(line, evt, out _));
            var without = new List<SigmaRule>();
            unfiltered.Evaluate(evt, without);
            var with = new List<SigmaRule>();
            filtered.Evaluate(evt, with);

            Assert.Equal(expected, without.Contains(rule));
            Assert.Equal(without, with);
        }
    }

    [Fact]
    public void Keywords_InALineWithAnUnsafeChar_WakeTheScopesRules()
    {
        // A keyword rule compares ordinally, so it does not match; the prefilter only has to let it run.
        var rule = RuleHarness.Rule("    keywords:\n        - 'keyword-scan'\n    condition: keywords", "    category: webserver");
        var evt = new LogEvent();
        var line = System.Text.Encoding.UTF8.GetBytes("203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"GET /\u212Aeyword-scan HTTP/1.1\" 200 5 \"-\" \"-\"");
        Assert.True(new CombinedLogParser().TryParse(line, evt, out _));
        var prefilter = new RulePrefilter([rule]);
        var active = new bool[1];

        prefilter.Activate(evt, active);

        Assert.True(active[0]);
    }

    [Fact]
    public void Prefilter_ChangesNoVerdict_OnASimulatedMatchDay()
    {
        var load = RuleLoadResult.Combine([
            SigmaRuleLoader.LoadBuiltin(),
            .. SharedCorpus(),
        ]);
        Assert.Empty(load.Errors);
        var filtered = new Detector(load.Rules);
        var unfiltered = new Detector(load.Rules, new DetectorOptions { UsePrefilter = false });

        var streams = Simulate();
        var compared = 0;
        var matched = 0;
        foreach (var (format, text) in streams)
        {
            var parser = LogParsers.Create(format);
            var evt = new LogEvent();
            var withFilter = new List<SigmaRule>();
            var without = new List<SigmaRule>();
            // Floods write hundreds of thousands of alike lines; an even sample keeps every campaign and the test short.
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var stride = Math.Max(1, lines.Length / 30_000);
            for (var i = 0; i < lines.Length; i += stride)
            {
                var line = lines[i];
                evt.Reset();
                if (!parser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), evt, out _))
                {
                    continue;
                }

                withFilter.Clear();
                without.Clear();
                filtered.Evaluate(evt, withFilter);
                unfiltered.Evaluate(evt, without);
                Assert.True(without.SequenceEqual(withFilter), $"{format} line differs: {line}\nwithout: {string.Join(", ", without)}\nwith: {string.Join(", ", withFilter)}");
                compared++;
                matched += without.Count;
            }
        }

        Assert.True(compared > 10_000, $"only {compared} events compared");
        Assert.True(matched > 1_000, $"only {matched} matches: the comparison proves little");
    }

    private static IEnumerable<RuleLoadResult> SharedCorpus()
    {
        var root = SharedData.SigmaRulesDirectoryOrNull;
        if (root is null)
        {
            yield break;
        }

        foreach (var folder in new[] { "web", "linux", "network" })
        {
            yield return SigmaRuleLoader.LoadPaths([Path.Combine(root, folder)]);
        }
    }

    private static List<(LogFormat, string)> Simulate()
    {
        using var access = new MemoryStream();
        using var auth = new MemoryStream();
        using var eve = new MemoryStream();
        using var labels = new MemoryStream();
        var options = new SimulationOptions { Seed = 3, Minutes = 30, Scale = 0.1, Start = new DateTimeOffset(2026, 6, 11, 9, 40, 0, TimeSpan.FromHours(3)) };
        MatchDaySimulator.Run(options, access, auth, eve, labels, TestContext.Current.CancellationToken);
        return
        [
            (LogFormat.Combined, System.Text.Encoding.UTF8.GetString(access.ToArray())),
            (LogFormat.Syslog, System.Text.Encoding.UTF8.GetString(auth.ToArray())),
            (LogFormat.Eve, System.Text.Encoding.UTF8.GetString(eve.ToArray())),
        ];
    }
}
