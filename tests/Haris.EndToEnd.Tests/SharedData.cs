namespace Haris.EndToEnd.Tests;

/// <summary>Finds data that lives beside the repository (<c>../shared</c>), which a plain clone does not have.</summary>
internal static class SharedData
{
    /// <summary>The shared SigmaHQ rule corpus (<c>shared/sigma/rules</c>), or null when no parent folder has it.</summary>
    public static string? SigmaRulesDirectory { get; } = FindUp(System.IO.Path.Combine("shared", "sigma", "rules"));

    /// <summary>The repository root (the folder with <c>Haris.slnx</c>).</summary>
    public static string RepositoryRoot { get; } =
        FindUp("Haris.slnx") is { } slnx ? System.IO.Path.GetDirectoryName(slnx)! : throw new InvalidOperationException("Haris.slnx not found above the test folder");

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
