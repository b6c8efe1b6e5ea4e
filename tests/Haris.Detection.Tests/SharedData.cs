namespace Haris.Detection.Tests;

/// <summary>Finds the shared SigmaHQ rule corpus that sits beside the repository (<c>../shared</c>), when there is one.</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> s_sigmaRules = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "sigma", "rules");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    });

    /// <summary>The folder of SigmaHQ rules, or a skip of the calling test when it is absent.</summary>
    public static string SigmaRulesDirectory()
    {
        var dir = s_sigmaRules.Value;
        if (dir is null)
        {
            Assert.Skip("The shared SigmaHQ corpus (../shared/sigma/rules beside the repository) is not present on this machine.");
        }

        return dir!;
    }
}
