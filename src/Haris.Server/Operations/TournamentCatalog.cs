using Haris.Operations.Tournaments;
using Haris.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Haris.Server.Operations;

/// <summary>The tournament the server runs, loaded and checked once at start; none when no file is configured.</summary>
public sealed class TournamentCatalog
{
    /// <summary>Loads the file <see cref="TournamentOptions.Path"/> names.</summary>
    /// <exception cref="ServerConfigurationException">The file is missing or fails its checks; the message names the first problems with their lines.</exception>
    public TournamentCatalog(IOptions<TournamentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.Path is not { Length: > 0 } path)
        {
            return;
        }

        if (!File.Exists(path))
        {
            throw new ServerConfigurationException($"Tournament:Path: file '{path}' not found");
        }

        var loaded = TournamentLoader.Load(path);
        if (!loaded.Succeeded)
        {
            throw new ServerConfigurationException(
                $"{loaded.Errors.Count} problem(s) in the tournament: " + string.Join("; ", loaded.Errors.Take(5).Select(e => e.ToString())));
        }

        Tournament = loaded.Tournament;
    }

    /// <summary>The tournament, or null when the server runs without one (cyber side only).</summary>
    public Tournament? Tournament { get; }
}
