using static Haris.Detection.Tests.Sigma.RuleHarness;

namespace Haris.Detection.Tests.Sigma;

public sealed class ConditionTests
{
    private const string Searches = """
            a:
                a: 'y'
            b:
                b: 'y'
            c:
                c: 'y'
            sel_one:
                s1: 'y'
            sel_two:
                s2: 'y'
            _hidden:
                h: 'y'
        """;

    private static bool Eval(string condition, params string[] trueFields)
    {
        var rule = Rule(Searches + $"\n    condition: {condition}");
        var fields = trueFields.Select(f => (f, (object?)"y")).ToArray();
        return rule.Matches(fields);
    }

    [Theory]
    // or binds loosest: a or (b and c).
    [InlineData("a or b and c", new[] { "a" }, true)]
    [InlineData("a or b and c", new[] { "b" }, false)]
    [InlineData("a or b and c", new[] { "b", "c" }, true)]
    // not binds tighter than and: (not a) and b.
    [InlineData("not a and b", new[] { "b" }, true)]
    [InlineData("not a and b", new[] { "a", "b" }, false)]
    [InlineData("not a and b", new string[0], false)]
    // Parentheses override precedence.
    [InlineData("(a or b) and c", new[] { "a" }, false)]
    [InlineData("(a or b) and c", new[] { "a", "c" }, true)]
    [InlineData("not (a or b)", new string[0], true)]
    [InlineData("not not a", new[] { "a" }, true)]
    public void Precedence_OrAndNotParentheses(string condition, string[] trueFields, bool expected) =>
        Assert.Equal(expected, Eval(condition, trueFields));

    [Theory]
    [InlineData("1 of sel_*", new[] { "s2" }, true)]
    [InlineData("1 of sel_*", new[] { "a" }, false)]
    [InlineData("any of sel_*", new[] { "s1" }, true)]
    [InlineData("all of sel_*", new[] { "s1" }, false)]
    [InlineData("all of sel_*", new[] { "s1", "s2" }, true)]
    [InlineData("not 1 of sel_*", new[] { "a" }, true)]
    [InlineData("not 1 of sel_*", new[] { "s1" }, false)]
    [InlineData("not all of sel_*", new[] { "s1" }, true)]
    [InlineData("a and not 1 of sel_*", new[] { "a", "s1" }, false)]
    // A '*' anywhere in the pattern.
    [InlineData("1 of *_two", new[] { "s2" }, true)]
    // A pattern without '*' names only that identifier.
    [InlineData("1 of a", new[] { "a" }, true)]
    public void Quantifiers_OverPatterns(string condition, string[] trueFields, bool expected) =>
        Assert.Equal(expected, Eval(condition, trueFields));

    [Fact]
    public void Them_SkipsIdentifiersStartingWithUnderscore()
    {
        Assert.True(Eval("all of them", "a", "b", "c", "s1", "s2"));
        Assert.False(Eval("all of them", "a", "b", "c", "s1"));
        Assert.False(Eval("1 of them", "h"));
        Assert.True(Eval("1 of them", "c"));
        // Underscore identifiers can still be named.
        Assert.True(Eval("_hidden", "h"));
    }

    [Fact]
    public void MixedAndOrWithQuantifiers_BindAsTheSpecificationSays()
    {
        // 1 of img_* or all of kali_* and not 1 of filter_*  =  img or (kali and not filter)
        var rule = Rule("""
                img_a:
                    i: 'y'
                kali_a:
                    k: 'y'
                filter_a:
                    f: 'y'
                condition: 1 of img_* or all of kali_* and not 1 of filter_*
            """);

        Assert.True(rule.Matches(("i", "y"), ("f", "y")));
        Assert.True(rule.Matches(("k", "y")));
        Assert.False(rule.Matches(("k", "y"), ("f", "y")));
    }

    [Fact]
    public void IdentifiersThatStartLikeOperators_AreIdentifiers()
    {
        var rule = Rule("""
                notepad:
                    p: 'y'
                not_filter:
                    n: 'y'
                android:
                    d: 'y'
                order_by:
                    o: 'y'
                condition: notepad and not not_filter or android and order_by
            """);

        Assert.True(rule.Matches(("p", "y")));
        Assert.False(rule.Matches(("p", "y"), ("n", "y")));
        Assert.True(rule.Matches(("d", "y"), ("o", "y")));
    }

    [Fact]
    public void ConditionList_IsAnOr()
    {
        var rule = Rule(Searches + "\n    condition:\n        - a and b\n        - c");

        Assert.True(rule.Matches(("c", "y")));
        Assert.True(rule.Matches(("a", "y"), ("b", "y")));
        Assert.False(rule.Matches(("a", "y")));
    }

    [Theory]
    [InlineData("missing", "'missing' is not a search identifier")]
    [InlineData("sel AND sel", "operators are lower-case")]
    [InlineData("sel and", "ends where an identifier")]
    [InlineData("(sel", "never closed")]
    [InlineData("sel)", "unexpected ')'")]
    [InlineData("1 of nothing_*", "names no search identifier")]
    [InlineData("sel | count() by src > 10", "v1 aggregation syntax")]
    [InlineData("sel near other", "'near' is obsolete")]
    [InlineData("sel*", "can only follow")]
    public void MalformedConditions_AreLoadErrors(string condition, string reason) =>
        Assert.Contains(reason, LoadError($"    sel:\n        f: x\n    condition: {condition}"));
}
