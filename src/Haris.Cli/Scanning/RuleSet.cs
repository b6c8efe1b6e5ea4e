using Haris.Detection.Sigma;

namespace Haris.Cli.Scanning;

/// <summary>Loads the rules a command runs: the built-in pack unless turned off, plus the paths given.</summary>
internal static class RuleSet
{
    /// <summary>Loads the rules; the result's errors say which rules failed and why.</summary>
    public static RuleLoadResult Load(IReadOnlyList<string> paths, bool includeBuiltin)
    {
        var parts = new List<RuleLoadResult>(2);
        if (includeBuiltin)
        {
            parts.Add(SigmaRuleLoader.LoadBuiltin());
        }

        if (paths.Count > 0)
        {
            parts.Add(SigmaRuleLoader.LoadPaths(paths));
        }

        return RuleLoadResult.Combine([.. parts]);
    }
}
