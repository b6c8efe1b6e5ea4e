using Haris.Core.Alerts;
using Haris.Detection.Sigma;

namespace Haris.Detection.Tests.Sigma;

public sealed class LoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("haris-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadPaths_OneBadRule_DoesNotStopTheOthers()
    {
        File.WriteAllText(Path.Combine(_dir, "good.yml"), Good("Good one"));
        File.WriteAllText(Path.Combine(_dir, "bad.yml"), "title: Bad\nlogsource: {product: test}\ndetection:\n    sel:\n        f|nope: x\n    condition: sel\n");
        File.WriteAllText(Path.Combine(_dir, "broken.yaml"), "title: [unclosed\n");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "also-good.yml"), Good("Nested one"));
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not a rule");

        var result = SigmaRuleLoader.LoadPaths([_dir]);

        Assert.Equal(["Good one", "Nested one"], result.Rules.Select(r => r.Title).Order());
        Assert.Equal(4, result.FilesRead);
        var bad = Assert.Single(result.Errors, e => e.File.EndsWith("bad.yml", StringComparison.Ordinal));
        Assert.Equal((5, "Bad"), (bad.Line, bad.Title));
        Assert.Contains("unknown modifier 'nope'", bad.Reason);
        var broken = Assert.Single(result.Errors, e => e.File.EndsWith("broken.yaml", StringComparison.Ordinal));
        Assert.StartsWith("invalid YAML", broken.Reason);
        Assert.NotNull(broken.Line);
    }

    [Fact]
    public void LoadPaths_MissingPath_IsAnError() =>
        Assert.Equal("no such file or directory", Assert.Single(SigmaRuleLoader.LoadPaths([Path.Combine(_dir, "none")]).Errors).Reason);

    [Theory]
    [InlineData("logsource: {product: test}\ndetection:\n    sel: {f: x}\n    condition: sel\n", "no title")]
    [InlineData("title: T\ndetection:\n    sel: {f: x}\n    condition: sel\n", "no logsource")]
    [InlineData("title: T\nlogsource: {product: test}\n", "no detection section")]
    [InlineData("title: T\nlogsource: {product: test}\ndetection:\n    sel: {f: x}\n", "has no condition")]
    [InlineData("title: T\nlevel: severe\nlogsource: {product: test}\ndetection:\n    sel: {f: x}\n    condition: sel\n", "level 'severe'")]
    [InlineData("title: T\nlogsource: {product: test}\ndetection:\n    sel: {f: x}\n    sel: {f: y}\n    condition: sel\n", "invalid YAML")]
    [InlineData("title: T\nlogsource: {product: test}\ndetection:\n    sel:\n    condition: sel\n", "is empty")]
    [InlineData("title: T\nlogsource: {product: test}\ndetection:\n    sel:\n        - f: x\n        - plain\n    condition: sel\n", "mixes maps and plain values")]
    [InlineData("title: T\ncorrelation:\n    type: event_count\n", "correlation lists no rules")]
    public void LoadText_InvalidDocuments_SayWhy(string yaml, string reason) =>
        Assert.Contains(reason, Assert.Single(SigmaRuleLoader.LoadText(yaml, "r.yml").Errors).Reason);

    [Fact]
    public void LoadText_SeveralDocuments_LoadEach()
    {
        var result = SigmaRuleLoader.LoadText(Good("First") + "---\n" + Good("Second"), "multi.yml");

        Assert.Equal(["First", "Second"], result.Rules.Select(r => r.Title));
        Assert.Equal(9, result.Rules[1].Line);
    }

    [Fact]
    public void LoadText_KeepsMetadata_UnknownKeysTolerated()
    {
        var rule = Assert.Single(SigmaRuleLoader.LoadText("""
            title: Meta
            id: 5f1b2c4e-0000-4000-8000-000000000001
            name: meta_rule
            status: test
            author: Someone, Other
            description: Shows metadata.
            tags: [attack.initial-access, attack.t1190]
            references: ['https://example.org']
            falsepositives: [Scanners]
            regression_tests_path: some/where
            level: critical
            logsource: {category: webserver}
            detection:
                sel: {cs-method: GET}
                condition: sel
            """, "meta.yml").Rules);

        Assert.Equal(("meta_rule", "Someone, Other", AlertLevel.Critical, "test"), (rule.Name, rule.Author, rule.Level, rule.Status));
        Assert.Equal(["attack.initial-access", "attack.t1190"], rule.Tags);
        Assert.Equal(new Haris.Core.Events.Logsource("webserver", null, null), rule.Logsource);
    }

    [Fact]
    public void Filters_AreAndedToTheRulesTheyName()
    {
        var result = SigmaRuleLoader.LoadText(Good("Target") + """
            ---
            title: Quiet the build server
            logsource: {product: test}
            filter:
                rules: [good_target]
                selection:
                    host: build01
                condition: not selection
            """, "with-filter.yml");
        var rule = Assert.Single(result.Rules);

        Assert.Equal(1, result.FilterCount);
        Assert.Equal(["Quiet the build server"], rule.FilterTitles);
        Assert.True(rule.Matches(("f", "x"), ("host", "web01")));
        Assert.False(rule.Matches(("f", "x"), ("host", "build01")));
    }

    [Fact]
    public void LoadBuiltin_LoadsThePackWithoutErrors()
    {
        var result = SigmaRuleLoader.LoadBuiltin();

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Rules);
        Assert.All(result.Rules, r => Assert.StartsWith("builtin:", r.File, StringComparison.Ordinal));
    }

    private static string Good(string title) => $"""
        title: {title}
        name: good_{title.Split(' ')[0].ToLowerInvariant()}
        author: Tester
        logsource: {"{"}product: test{"}"}
        detection:
            sel: {"{"}f: x{"}"}
            condition: sel

        """;
}
