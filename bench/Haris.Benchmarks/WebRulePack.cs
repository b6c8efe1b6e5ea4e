using System.Globalization;
using Haris.Detection.Sigma;

namespace Haris.Benchmarks;

/// <summary>
/// The full web pack: the built-in pack plus the SigmaHQ web rules of <c>shared/sigma/rules/web</c>, found by
/// walking up from the benchmark's folder and the working directory (or named by <c>HARIS_SIGMA_WEB</c>).
/// </summary>
internal static class WebRulePack
{
    /// <summary>Environment variable that names the SigmaHQ web rules folder explicitly.</summary>
    public const string FolderVariable = "HARIS_SIGMA_WEB";

    private static readonly Lazy<RuleLoadResult> s_rules = new(Load);

    /// <summary>The pack, loaded on first use (once per benchmark process).</summary>
    public static RuleLoadResult Rules => s_rules.Value;

    /// <summary>The SigmaHQ web rules folder, or null when none is found.</summary>
    public static string? FindSigmaWebRules()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } named)
        {
            return Directory.Exists(named) ? Path.GetFullPath(named) : null;
        }

        foreach (var origin in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "sigma", "rules", "web");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static RuleLoadResult Load()
    {
        var builtin = SigmaRuleLoader.LoadBuiltin();
        var folder = FindSigmaWebRules();
        RuleLoadResult pack;
        if (folder is null)
        {
            Console.WriteLine("// NOTE: shared/sigma/rules/web not found (set HARIS_SIGMA_WEB): running the built-in pack only");
            pack = builtin;
        }
        else
        {
            pack = RuleLoadResult.Combine(builtin, SigmaRuleLoader.LoadPaths([folder]));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// rules: {pack.Rules.Count} detection + {pack.Correlations.Count} correlation from {pack.FilesRead} file(s) (built-in {builtin.Rules.Count} + {builtin.Correlations.Count}; SigmaHQ web: {folder ?? "absent"}); {pack.Errors.Count} load error(s)"));
        foreach (var error in pack.Errors.Take(5))
        {
            Console.WriteLine("//   " + error);
        }

        return pack;
    }
}
