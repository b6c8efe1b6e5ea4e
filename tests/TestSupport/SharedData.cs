namespace Haris.TestSupport;

/// <summary>
/// Finds data that lives beside the repository (<c>../shared</c>), which a plain clone does not have. Every test that
/// reads it goes through here, so each one is skipped with the same clear message when it is absent.
/// </summary>
internal static class SharedData
{
    /// <summary>The shared SigmaHQ rule corpus (<c>shared/sigma/rules</c>), or null when no parent folder has it.</summary>
    public static string? SigmaRulesDirectoryOrNull { get; } = FindUp(Path.Combine("shared", "sigma", "rules"));

    /// <summary>The repository root (the folder with <c>Haris.slnx</c>).</summary>
    public static string RepositoryRoot { get; } =
        FindUp("Haris.slnx") is { } slnx ? Path.GetDirectoryName(slnx)! : throw new InvalidOperationException("Haris.slnx not found above the test folder");

    /// <summary>The sample tournament of the repository (<c>samples/tournament.yaml</c>).</summary>
    public static string SampleTournament => Path.Combine(RepositoryRoot, "samples", "tournament.yaml");

    /// <summary>The shared SigmaHQ rule corpus; skips the calling test when it is absent.</summary>
    public static string SigmaRulesDirectory()
    {
        if (SigmaRulesDirectoryOrNull is null)
        {
            Assert.Skip("The shared SigmaHQ corpus (../shared/sigma/rules beside the repository) is not present on this machine.");
        }

        return SigmaRulesDirectoryOrNull!;
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
