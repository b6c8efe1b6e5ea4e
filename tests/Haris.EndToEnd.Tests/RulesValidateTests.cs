namespace Haris.EndToEnd.Tests;

public sealed class RulesValidateTests
{
    [Fact]
    public async Task Validate_OneGoodOneBad_ExitsOneNamingTheBadRuleAndReason()
    {
        using var dir = new TempDirectory();
        dir.Write("rules/good.yml", TestRules.AdminProbe);
        dir.Write("rules/nested/bad.yml", TestRules.Broken);

        var run = await HarisProcess.RunAsync(dir.Path, null, "rules", "validate", "rules");

        Assert.Equal(1, run.ExitCode);
        var bad = Assert.Single(run.Stdout.Split('\n'), l => l.Contains("bad.yml", StringComparison.Ordinal));
        Assert.Contains("(E2E Broken Rule)", bad, StringComparison.Ordinal);
        Assert.Contains("selction", bad, StringComparison.Ordinal);
        Assert.DoesNotContain("good.yml", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 rules loaded, 1 failed in 2 files", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BuiltinPackFolder_AllRulesLoad()
    {
        var run = await HarisProcess.RunAsync(SharedData.RepositoryRoot, null, "rules", "validate", "rules");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(" failed in ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(", 0 failed", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Builtin_ShowsRuleTitles()
    {
        var run = await HarisProcess.RunAsync(SharedData.RepositoryRoot, null, "rules", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Log4Shell JNDI Lookup In Request", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("category=webserver", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsAndExitsZero()
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "--version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotEqual(string.Empty, run.Stdout.Trim());
    }
}
