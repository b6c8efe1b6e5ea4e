using static Haris.Detection.Tests.Sigma.RuleHarness;

namespace Haris.Detection.Tests.Sigma;

public sealed class ValueSemanticsTests
{
    [Theory]
    // '*' inside a value, anchored at both ends.
    [InlineData(@"'ab*cd'", "abXXcd", true)]
    [InlineData(@"'ab*cd'", "abXXcdX", false)]
    // The matcher backtracks: '*abc?' must find the last usable 'abc'.
    [InlineData(@"'*abc?'", "abcabcX", true)]
    // '?' is exactly one character; an emoji (a surrogate pair) counts as one.
    [InlineData(@"'a?c'", "abc", true)]
    [InlineData(@"'a?c'", "ac", false)]
    [InlineData(@"'a?c'", "a😀c", true)]
    // '*' crosses line breaks.
    [InlineData(@"'begin*end'", "begin\nend", true)]
    // Escaped wildcards are literal.
    [InlineData(@"'\*'", "*", true)]
    [InlineData(@"'\*'", "x", false)]
    [InlineData(@"'what\?'", "what?", true)]
    [InlineData(@"'what\?'", "whats", false)]
    // A backslash before an ordinary character is a plain backslash.
    [InlineData(@"'C:\Windows'", @"C:\Windows", true)]
    // '\\' is one backslash; before '*' it leaves the star a wildcard.
    [InlineData(@"'\\cmd.exe'", @"\cmd.exe", true)]
    [InlineData(@"'C:\Temp\\*'", @"C:\Temp\anything", true)]
    // '\\\*' is a backslash then a literal star.
    [InlineData(@"'C:\ProgramData\\\*.dll'", @"C:\ProgramData\*.dll", true)]
    [InlineData(@"'C:\ProgramData\\\*.dll'", @"C:\ProgramData\x.dll", false)]
    // '\\\\' is two backslashes (UNC paths).
    [InlineData(@"'\\\\*\\ADMIN$'", @"\\SRV01\ADMIN$", true)]
    // A trailing backslash is a plain backslash.
    [InlineData(@"'C:\Windows\'", @"C:\Windows\", true)]
    // '%' is ordinary text unless the value says expand.
    [InlineData(@"'%COMSPEC%'", "%comspec%", true)]
    // Web fields are never URL-decoded; encodings compare ignoring case.
    [InlineData(@"'*%2F*'", "/a%2fb", true)]
    [InlineData(@"'*%2F*'", "/a/b", false)]
    public void Wildcards_AndEscaping_FollowTheSpecification(string ruleValue, string value, bool expected) =>
        Assert.Equal(expected, Rule($"    sel:\n        f: {ruleValue}\n    condition: sel").Matches(("f", value)));

    [Fact]
    public void YamlEscapes_ComeBeforeSigmaEscapes()
    {
        // Double-quoted "C:\\Temp\\\\*" is C:\Temp\\* for Sigma: C:\Temp\ then a wildcard.
        var rule = Rule("    sel:\n        f: \"C:\\\\Temp\\\\\\\\*\"\n    condition: sel");

        Assert.True(rule.Matches(("f", @"C:\Temp\x")));
    }

    [Fact]
    public void SingleQuotedBackslashN_IsNotANewline() =>
        Assert.True(Rule("    sel:\n        f: 'a\\nb'\n    condition: sel").Matches(("f", "a\\nb")));

    [Fact]
    public void LoneStar_MatchesAnyPresentString_ButNotNullOrAbsent()
    {
        var rule = Rule("    sel:\n        f: '*'\n    condition: sel");

        Assert.True(rule.Matches(("f", "")));
        Assert.True(rule.Matches(("f", "x")));
        Assert.False(rule.Matches(("f", null)));
        Assert.False(rule.Matches(("g", "x")));
    }

    [Fact]
    public void Null_MatchesAbsentAndJsonNull_NotEmpty()
    {
        var rule = Rule("    sel:\n        f: null\n    condition: sel");

        Assert.True(rule.Matches(("g", "x")));
        Assert.True(rule.Matches(("f", null)));
        Assert.False(rule.Matches(("f", "")));
        Assert.False(rule.Matches(("f", "x")));
    }

    [Fact]
    public void EmptyString_MatchesOnlyAPresentEmptyString()
    {
        var rule = Rule("    sel:\n        f: ''\n    condition: sel");

        Assert.True(rule.Matches(("f", "")));
        Assert.False(rule.Matches(("f", null)));
        Assert.False(rule.Matches(("g", "x")));
        Assert.False(rule.Matches(("f", "x")));
    }

    [Fact]
    public void Numbers_MatchTheSameNumberAsJsonOrText()
    {
        var rule = Rule("    sel:\n        sc-status: 404\n    condition: sel");

        Assert.True(rule.Matches(("sc-status", 404)));
        Assert.True(rule.Matches(("sc-status", "404")));
        Assert.True(rule.Matches(("sc-status", "404.0")));
        Assert.False(rule.Matches(("sc-status", "4040")));
    }

    [Theory]
    // Plain digits are read as an integer: leading zeros, the rule written as a decimal, and zero itself.
    [InlineData("404", "404", true)]
    [InlineData("404", "0404", true)]
    [InlineData("404.0", "404", true)]
    [InlineData("404", "405", false)]
    [InlineData("404", "40", false)]
    [InlineData("0", "0", true)]
    [InlineData("0", "00", true)]
    // Fifteen digits are still exact; sixteen go through the general parser, and so does anything not all digits.
    [InlineData("999999999999999", "999999999999999", true)]
    [InlineData("999999999999999", "999999999999998", false)]
    [InlineData("1234567890123456", "1234567890123456", true)]
    [InlineData("404", " 404", true)]
    [InlineData("404", "4.04e2", true)]
    [InlineData("404", "-404", false)]
    [InlineData("-404", "-404", true)]
    public void Numbers_DigitsReadAsAnInteger_MatchAsTheParsedNumberWould(string ruleNumber, string value, bool expected)
    {
        var rule = Rule($"    sel:\n        sc-status: {ruleNumber}\n    condition: sel");

        Assert.Equal(expected, rule.Matches(("sc-status", value)));
    }

    [Fact]
    public void QuotedHex_IsText_NotANumber()
    {
        var rule = Rule("    sel:\n        f: '0x17'\n    condition: sel");

        Assert.True(rule.Matches(("f", "0x17")));
        Assert.False(rule.Matches(("f", 23)));
    }

    [Fact]
    public void YamlOnePointOneForms_StayText()
    {
        // YAML 1.2 core schema: 'yes' is text, not true; a date is text.
        Assert.True(Rule("    sel:\n        f: yes\n    condition: sel").Matches(("f", "YES")));
        Assert.True(Rule("    sel:\n        f: 2024-01-01\n    condition: sel").Matches(("f", "2024-01-01")));
    }

    [Fact]
    public void Booleans_MatchJsonBooleans() =>
        Assert.True(Rule("    sel:\n        blocked: true\n    condition: sel").Matches(("blocked", true)));

    [Fact]
    public void ValueList_IsOr_MapIsAnd_ListOfMapsIsOrOfAnds()
    {
        var rule = Rule("""
                sel:
                    - method: [GET, HEAD]
                      path|startswith: /admin
                    - method: POST
                condition: sel
            """);

        Assert.True(rule.Matches(("method", "HEAD"), ("path", "/admin/x")));
        Assert.False(rule.Matches(("method", "HEAD"), ("path", "/home")));
        Assert.True(rule.Matches(("method", "POST"), ("path", "/home")));
        Assert.False(rule.Matches(("method", "PUT"), ("path", "/admin")));
    }

    [Fact]
    public void TwoKeysOnOneField_WithDifferentModifiers_MakeARange()
    {
        var rule = Rule("    sel:\n        sc-status|gte: 500\n        sc-status|lt: 600\n    condition: sel");

        Assert.True(rule.Matches(("sc-status", 503)));
        Assert.False(rule.Matches(("sc-status", 404)));
    }

    [Fact]
    public void MultiValuedField_MatchesWhenAnyValueDoes()
    {
        var rule = Rule("    sel:\n        tags: malware\n    condition: sel");

        Assert.True(rule.Matches(("tags", new[] { "benign", "MALWARE" })));
        Assert.False(rule.Matches(("tags", new[] { "benign", "other" })));
    }

    [Fact]
    public void Keywords_AreSubstrings_OfAnyValue_IgnoringCase()
    {
        var rule = Rule("    keywords:\n        - 'UNION SELECT'\n        - '.git/'\n    condition: keywords");

        Assert.True(rule.Matches(("event.original", "GET /?id=1 union select 1 HTTP/1.1")));
        Assert.True(rule.Matches(("url.path", "/.GIT/config")));
        Assert.False(rule.Matches(("url.path", "/index.html")));
    }

    [Fact]
    public void Keywords_HonourWildcards_AndNumbersMatchTheirText()
    {
        Assert.True(Rule("    keywords:\n        - 'Failed password for * from'\n    condition: keywords")
            .Matches(("message", "sshd: Failed password for root from 1.2.3.4")));
        Assert.True(Rule("    keywords:\n        - 4625\n    condition: keywords").Matches(("id", 4625)));
    }

    [Fact]
    public void KeywordsWithAll_NeedEveryKeyword_InAnyField()
    {
        var rule = Rule("    keywords:\n        '|all':\n            - 'sudo'\n            - 'NOT in sudoers'\n    condition: keywords");

        Assert.True(rule.Matches(("process.name", "sudo"), ("message", "bob : user NOT in sudoers")));
        Assert.False(rule.Matches(("process.name", "sudo"), ("message", "bob : command ok")));
    }

    [Fact]
    public void FieldNames_AreCaseSensitive()
    {
        var rule = Rule("    sel:\n        Image: x\n    condition: sel");

        Assert.True(rule.Matches(("Image", "x")));
        Assert.False(rule.Matches(("image", "x")));
    }
}
