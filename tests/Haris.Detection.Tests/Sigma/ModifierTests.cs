using Haris.Detection.Sigma;
using Haris.Detection.Sigma.Matching;
using static Haris.Detection.Tests.Sigma.RuleHarness;

namespace Haris.Detection.Tests.Sigma;

public sealed class ModifierTests
{
    [Theory]
    // Plain values compare the whole value, ignoring case.
    [InlineData("f: 'C:\\Windows\\cmd.exe'", "c:\\windows\\CMD.EXE", true)]
    [InlineData("f: 'C:\\Windows\\cmd.exe'", "C:\\Windows\\cmd.exe.bak", false)]
    [InlineData("f|contains: 'union select'", "id=1 UNION SELECT password", true)]
    [InlineData("f|contains: 'union select'", "id=1 union/**/select", false)]
    [InlineData("f|startswith: '/admin'", "/ADMIN/login", true)]
    [InlineData("f|startswith: '/admin'", "/static/admin", false)]
    [InlineData("f|endswith: '.php'", "/shell.PHP", true)]
    [InlineData("f|endswith: '.php'", "/shell.php.txt", false)]
    // cased makes every string comparison case-sensitive.
    [InlineData("f|contains|cased: 'DownloadString'", "x.DownloadString(y)", true)]
    [InlineData("f|contains|cased: 'DownloadString'", "x.downloadstring(y)", false)]
    // Non-ASCII folds by simple case mapping, without accent stripping.
    [InlineData("f|contains: 'ÉTÉ'", "un été chaud", true)]
    [InlineData("f|contains: 'ete'", "un été chaud", false)]
    public void StringModifiers_MatchAsSpecified(string key, string value, bool expected) =>
        Assert.Equal(expected, Rule($"    sel:\n        {key}\n    condition: sel").Matches(("f", value)));

    [Theory]
    [InlineData("/a/UNION/b", true)]
    [InlineData("x.git/y", true)]
    [InlineData("prefix-only", true)]
    [InlineData("nothing here", false)]
    public void ContainsList_MixedWithOtherForms_MatchesEachValue(string value, bool expected)
    {
        // Plain substrings of a list are searched together in one pass; other forms in the list must still count.
        var rule = Rule("    sel:\n        f|contains: ['union', '.git/', 'zzz']\n    other:\n        f|startswith: 'prefix'\n    condition: sel or other");
        var keywords = Rule("    keywords:\n        - 'union'\n        - '.git/'\n        - 'prefix*only'\n    condition: keywords");

        Assert.Equal(expected, rule.Matches(("f", value)));
        Assert.Equal(expected, keywords.Matches(("f", value)));
    }

    [Fact]
    public void ContainsList_Cased_StaysCaseSensitive()
    {
        var rule = Rule("    sel:\n        f|contains|cased: ['Invoke-', 'IEX']\n    condition: sel");

        Assert.True(rule.Matches(("f", "x IEX y")));
        Assert.False(rule.Matches(("f", "x iex y")));
    }

    [Fact]
    public void All_RequiresEveryValue()
    {
        var rule = Rule("    sel:\n        f|contains|all: [' -w hidden', ' -enc ']\n    condition: sel");

        Assert.True(rule.Matches(("f", "powershell -w hidden -enc AAAA")));
        Assert.False(rule.Matches(("f", "powershell -w hidden")));
    }

    [Theory]
    // re searches (unanchored) and is case-sensitive by default.
    [InlineData("f|re: 'sel[e]ct'", "id=select", true)]
    [InlineData("f|re: 'sel[e]ct'", "id=SELECT", false)]
    [InlineData("f|re|i: 'sel[e]ct'", "id=SELECT", true)]
    [InlineData("f|re|ignorecase: 'sel[e]ct'", "id=SELECT", true)]
    // m lets ^ and $ match at line breaks; s lets . cross them.
    [InlineData("f|re: '^evil$'", "good\nevil\nmore", false)]
    [InlineData("f|re|m: '^evil$'", "good\nevil\nmore", true)]
    [InlineData("f|re: 'begin.*end'", "begin\nend", false)]
    [InlineData("f|re|s: 'begin.*end'", "begin\nend", true)]
    // Inline flags written in the pattern work too.
    [InlineData("f|re: '(?i)invoke-mimikatz'", "Invoke-Mimikatz", true)]
    public void Regex_FollowsFlags(string key, string value, bool expected) =>
        Assert.Equal(expected, Rule($"    sel:\n        {key}\n    condition: sel").Matches(("f", value)));

    [Fact]
    public void Regex_EngineIsBuiltWhenFirstRun_NotWhenTheRuleLoads()
    {
        // The condition stops at the first search that fails, so the expression runs only once g is 'other'.
        var rule = Rule("    gate:\n        g: other\n    sel:\n        f|re: 'sel[e]ct'\n    condition: gate and sel");
        var matcher = rule.Searches.OfType<FieldPredicate>().SelectMany(p => p.Values).OfType<RegexMatcher>().Single();

        Assert.False(rule.Matches(("f", "select"), ("g", "nothing")));
        Assert.False(matcher.IsBuilt);
        Assert.True(rule.Matches(("f", "select"), ("g", "other")));
        Assert.True(matcher.IsBuilt);
        Assert.False(rule.Matches(("f", "SELECT"), ("g", "other")));
    }

    [Fact]
    public void Regex_WithConstructsTheLinearEngineLacks_RunsOnTheBacktrackingEngine() =>
        Assert.True(Rule("    sel:\n        f|re: '(\\w+)-\\1'\n    condition: sel").Matches(("f", "abc-abc")));

    [Fact]
    public void Regex_AppliesToTheTextOfNumbers() =>
        Assert.True(Rule("    sel:\n        EventID|re: '^46\\d\\d$'\n    condition: sel").Matches(("EventID", 4625)));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("192.168.1.20", true)]
    [InlineData("192.169.0.1", false)]
    // A dual-stack server logs IPv4 clients as IPv4-mapped IPv6.
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::1", false)]
    // Odd event data never throws and never matches.
    [InlineData("10.1.2.3:443", false)]
    [InlineData("not an address", false)]
    [InlineData("", false)]
    public void Cidr_MatchesContainedAddresses(string address, bool expected)
    {
        var rule = Rule("    sel:\n        ip|cidr: ['10.0.0.0/8', '192.168.0.0/23', '::1/128']\n    condition: sel");

        Assert.Equal(expected, rule.Matches(("ip", address)));
    }

    [Fact]
    public void Cidr_NonByteAlignedPrefix_ComparesBits()
    {
        var rule = Rule("    sel:\n        ip|cidr: '172.16.0.0/12'\n    condition: sel");

        Assert.True(rule.Matches(("ip", "172.31.255.255")));
        Assert.False(rule.Matches(("ip", "172.32.0.0")));
    }

    [Fact]
    public void Base64_MatchesExactEncodingWithPadding()
    {
        var rule = Rule("    sel:\n        f|base64|contains: 'http://'\n    condition: sel");

        Assert.True(rule.Matches(("f", "x aHR0cDovLw== y")));
        Assert.False(rule.Matches(("f", "aHR0cDovL3g=")));
    }

    [Fact]
    public void Base64Offset_ProducesTheThreeAlignments()
    {
        Assert.Equal(["Zm9vYmFy", "Zvb2Jhc", "mb29iYX"], SigmaCompiler.Base64Offsets("foobar"u8.ToArray()));

        var rule = Rule("    sel:\n        f|base64offset|contains: 'foobar'\n    condition: sel");
        Assert.True(rule.Matches(("f", "-enc QUFBZm9vYmFy")));
        Assert.True(rule.Matches(("f", "IGZvb2Jhcg==")));
        Assert.True(rule.Matches(("f", "eHhmb29iYXI=")));
        Assert.False(rule.Matches(("f", "Zm9vYmF6")));
    }

    [Fact]
    public void Wide_EncodesUtf16LittleEndianBeforeBase64()
    {
        // "ping" as UTF-16LE is 70 00 69 00 6E 00 67 00, base64 "cABpAG4AZwA=".
        var rule = Rule("    sel:\n        f|wide|base64offset|contains: 'ping'\n    condition: sel");

        Assert.True(rule.Matches(("f", "powershell -e cABpAG4AZwAgADEALgAxAC4AMQAuADEA")));
        Assert.False(rule.Matches(("f", "powershell -e cGluZyAxLjEuMS4x")));
    }

    [Fact]
    public void Utf16be_And_Utf16WithByteOrderMark_Encode()
    {
        Assert.True(Rule("    sel:\n        f|utf16be|base64: 'A'\n    condition: sel").Matches(("f", "AEE=")));
        // The specification's example: utf16|base64 of 'cmd' is '//5jAG0AZAA='.
        Assert.True(Rule("    sel:\n        f|utf16|base64: 'cmd'\n    condition: sel").Matches(("f", "//5jAG0AZAA=")));
    }

    [Theory]
    [InlineData("certutil -urlcache -f http://x", true)]
    // Every flag varies independently: both flags as slashes, and one of each.
    [InlineData("certutil /urlcache /f http://x", true)]
    [InlineData("certutil /urlcache -f http://x", true)]
    [InlineData("certutil \u2013urlcache \u2014f http://x", true)]
    [InlineData("certutil urlcache f http://x", false)]
    public void Windash_AcceptsEveryDashAndSlashCombination(string commandLine, bool expected)
    {
        var rule = Rule("    sel:\n        CommandLine|contains|windash: ' -urlcache -f '\n    condition: sel");

        Assert.Equal(expected, rule.Matches(("CommandLine", commandLine)));
    }

    [Fact]
    public void Windash_KeepsInnerHyphens()
    {
        var rule = Rule("    sel:\n        CommandLine|windash|contains: ' -foo-bar'\n    condition: sel");

        Assert.True(rule.Matches(("CommandLine", "x /foo-bar")));
        Assert.False(rule.Matches(("CommandLine", "x /foo/bar")));
    }

    [Fact]
    public void FieldRef_ComparesTwoFieldsOfTheEvent()
    {
        var rule = Rule("    sel:\n        User|fieldref: ParentUser\n    condition: sel");

        Assert.True(rule.Matches(("User", "CORP\\bob"), ("ParentUser", "corp\\BOB")));
        Assert.False(rule.Matches(("User", "CORP\\bob"), ("ParentUser", "CORP\\alice")));
        // Either side absent or null: no match.
        Assert.False(rule.Matches(("User", "CORP\\bob")));
        Assert.False(rule.Matches(("User", "CORP\\bob"), ("ParentUser", null)));
    }

    [Fact]
    public void FieldRef_WithNeqAndContains()
    {
        Assert.True(Rule("    sel:\n        User|fieldref|neq: ParentUser\n    condition: sel").Matches(("User", "a"), ("ParentUser", "b")));
        Assert.True(Rule("    sel:\n        Cmd|fieldref|contains: Image\n    condition: sel").Matches(("Cmd", "\"c:\\x.exe\" -a"), ("Image", "c:\\x.exe")));
    }

    [Fact]
    public void Exists_TellsPresenceEvenForEmptyAndNull()
    {
        var present = Rule("    sel:\n        f|exists: true\n    condition: sel");
        var absent = Rule("    sel:\n        f|exists: false\n    condition: sel");

        Assert.True(present.Matches(("f", "")));
        Assert.True(present.Matches(("f", null)));
        Assert.False(present.Matches(("g", "x")));
        Assert.True(absent.Matches(("g", "x")));
        Assert.False(absent.Matches(("f", "x")));
    }

    [Theory]
    [InlineData("sc-bytes|gt: 1000000", 1000001, true)]
    [InlineData("sc-bytes|gt: 1000000", 1000000, false)]
    [InlineData("sc-bytes|gte: 1000000", 1000000, true)]
    [InlineData("sc-bytes|lt: 1024", 443, true)]
    [InlineData("sc-bytes|lte: 1024", 1024, true)]
    [InlineData("sc-bytes|lte: 1024", 1025, false)]
    [InlineData("sc-bytes|lt: 1.5", 1.25, true)]
    public void NumericComparisons_AreNumeric(string key, double value, bool expected) =>
        Assert.Equal(expected, Rule($"    sel:\n        {key}\n    condition: sel").Matches(("sc-bytes", value)));

    [Fact]
    public void NumericComparisons_ParseNumericText_AndIgnoreTheRest()
    {
        var rule = Rule("    sel:\n        port|lt: 1024\n    condition: sel");

        // "443" as text compares as a number, not lexicographically.
        Assert.True(rule.Matches(("port", "443")));
        Assert.False(rule.Matches(("port", "8080")));
        Assert.False(rule.Matches(("port", "low")));
        Assert.False(rule.Matches(("port", true)));
        Assert.False(rule.Matches(("other", 1)));
    }

    [Fact]
    public void Neq_NegatesTheWholeKey_AndPassesAbsentFields()
    {
        var rule = Rule("    sel:\n        cs-method|neq: [GET, HEAD]\n    condition: sel");

        Assert.True(rule.Matches(("cs-method", "POST")));
        Assert.False(rule.Matches(("cs-method", "get")));
        Assert.False(rule.Matches(("cs-method", "HEAD")));
        Assert.True(rule.Matches(("other", "x")));
        Assert.True(Rule("    sel:\n        EventID|neq: 4624\n    condition: sel").Matches(("EventID", 4625)));
    }

    [Theory]
    // Time parts are read as written, with no time-zone conversion.
    [InlineData("ts|hour: 3", "2026-06-11T03:15:00+03:00", true)]
    [InlineData("ts|hour: 3", "2026-06-11T04:15:00Z", false)]
    [InlineData("ts|minute: 15", "2026-06-11T04:15:00Z", true)]
    [InlineData("ts|day: 11", "2026-06-11T04:15:00Z", true)]
    [InlineData("ts|month: 6", "2026-06-11T04:15:00Z", true)]
    [InlineData("ts|year: 2026", "2026-06-11T04:15:00Z", true)]
    // ISO 8601 weeks: 2026-12-31 is in week 53.
    [InlineData("ts|week: 53", "2026-12-31T00:00:00Z", true)]
    // Chained with a comparison.
    [InlineData("ts|hour|gte: 22", "2026-06-11T23:00:00Z", true)]
    [InlineData("ts|hour|gte: 22", "2026-06-11T21:59:00Z", false)]
    [InlineData("ts|hour: 3", "not a date", false)]
    public void TimeModifiers_ExtractAndCompare(string key, string value, bool expected) =>
        Assert.Equal(expected, Rule($"    sel:\n        {key}\n    condition: sel").Matches(("ts", value)));

    [Fact]
    public void Expand_UsesConfiguredPlaceholders()
    {
        var options = new RuleLoadOptions
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>> { ["Administrators"] = ["root", "admin*"] },
        };
        var rule = Rule("    sel:\n        user|expand: '%Administrators%'\n    condition: sel", options: options);

        Assert.True(rule.Matches(("user", "root")));
        Assert.True(rule.Matches(("user", "administrator")));
        Assert.False(rule.Matches(("user", "bob")));
    }

    [Theory]
    [InlineData("        user|expand: '%Administrators%'", "placeholder %Administrators% has no configured values")]
    [InlineData("        f|frobnicate: x", "unknown modifier 'frobnicate'")]
    [InlineData("        f|contains|re: x", "'re' must be the first modifier")]
    [InlineData("        f|re: '(unclosed'", "invalid regular expression")]
    [InlineData("        f|cidr: '10.0.0.0/33'", "is not an IPv4 or IPv6 network")]
    [InlineData("        f|gt: many", "compares numbers")]
    [InlineData("        f|exists: maybe", "takes true or false")]
    [InlineData("        f|contains|base64: 'abc'", "holds wildcards")]
    [InlineData("        f|i: 'x'", "only qualifies 're'")]
    [InlineData("        f: []", "empty list")]
    public void InvalidModifierUse_IsALoadErrorWithAReason(string entry, string reason) =>
        Assert.Contains(reason, LoadError($"    sel:\n{entry}\n    condition: sel"));
}
