using Haris.Detection.Sigma;

namespace Haris.Detection.Tests.Sigma;

public sealed class SigmaCorpusTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("web", 45)]
    [InlineData("network", 53)]
    [InlineData("linux", 210)]
    [InlineData("windows", 1183)]
    public void LoadPaths_SigmaHqCorpus_LoadsEveryRule(string folder, int expected)
    {
        var result = SigmaRuleLoader.LoadPaths([Path.Combine(SharedData.SigmaRulesDirectory(), folder)]);

        foreach (var error in result.Errors)
        {
            output.WriteLine(error.ToString());
        }

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Rules.Count);
        Assert.All(result.Rules, r => Assert.False(string.IsNullOrEmpty(r.Author), $"{r.File} has no author"));
    }
}
