using Haris.Operations.Tournaments;

namespace Haris.Simulation.Tests.Ingress;

/// <summary>The shipped <c>samples/tournament.yaml</c>, found by walking up to the repository root (the folder with <c>Haris.slnx</c>).</summary>
internal static class SampleTournament
{
    private static readonly Lazy<Tournament> s_tournament = new(Load);

    public static Tournament Value => s_tournament.Value;

    private static Tournament Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Haris.slnx")))
            {
                var result = TournamentLoader.Load(Path.Combine(dir.FullName, "samples", "tournament.yaml"));
                Assert.True(result.Succeeded, string.Join("\n", result.Errors));
                return result.Tournament;
            }
        }

        throw new InvalidOperationException("Haris.slnx not found above the test folder");
    }
}
