using System.CommandLine.Parsing;
using System.Globalization;
using System.Security.Cryptography;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Server.Hosting;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary>What the commands working on a tournament's tickets share: the tournament file, the match, the ticket signing keys.</summary>
internal static class TournamentInput
{
    /// <summary>The folder under the data directory that holds the ticket signing keys.</summary>
    public const string KeysFolder = "ticket-keys";

    /// <summary>The most tickets (or simulated fans) one command issues: more than the largest stadium holds.</summary>
    public const int MaxTickets = 200_000;

    /// <summary>Loads and checks the tournament; each problem is printed as <c>file:line: reason</c> before the one-line error.</summary>
    public static Tournament Load(CliEnvironment env, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("--config needs the tournament file, e.g. --config samples/tournament.yaml");
        }

        var result = TournamentLoader.Load(path);
        if (result.Succeeded)
        {
            return result.Tournament;
        }

        if (result.Errors is [{ Line: null } only])
        {
            // A file that cannot be read has no line to point at: one line says it all.
            throw new CliException(only.ToString());
        }

        foreach (var error in result.Errors)
        {
            env.Error.WriteLine(error.ToString());
        }

        throw new CliException(string.Create(
            CultureInfo.InvariantCulture, $"{path}: {result.Errors.Count} problem(s) in the tournament configuration; nothing was done"));
    }

    /// <summary>The match with <paramref name="id"/>, or a one-line error naming the matches there are.</summary>
    public static Match Match(Tournament tournament, string? id, string path)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new CliException("--match needs a match id, e.g. --match m01");
        }

        return tournament.Match(id)
            ?? throw new CliException($"no match '{id}' in {path} (its matches: {string.Join(", ", tournament.Matches.Select(m => m.Id))})");
    }

    /// <summary>How a match is named in summaries: <c>m09 (Japan v Qatar at dunes, kick-off 2026-06-18 20:00 +03:00)</c>.</summary>
    public static string Describe(Match match) => string.Create(
        CultureInfo.InvariantCulture,
        $"{match.Id} ({string.Join(" v ", match.Teams)} at {match.VenueId}, kick-off {match.KickOff:yyyy-MM-dd HH:mm zzz})");

    /// <summary>The keys folder under the data directory the server would use: <c>--data</c>, else its configuration, else <c>./data</c>.</summary>
    public static string KeysDirectory(string? dataOption)
    {
        try
        {
            return Path.Combine(HarisServer.ResolveDataDirectory(new ServeSettings { DataDirectory = dataOption }), KeysFolder);
        }
        catch (ServerConfigurationException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>Opens the signing keys in <paramref name="directory"/>, creating a first key when <paramref name="create"/> and there is none.</summary>
    public static TicketKeyRing OpenKeys(string directory, bool create)
    {
        if (!create && !(Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.pem").Any()))
        {
            throw new CliException($"no ticket keys in {directory}: issue tickets with 'haris tickets issue' first, or give the --data folder that holds them");
        }

        try
        {
            return create ? TicketKeyRing.LoadOrCreate(directory) : TicketKeyRing.Load(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or CryptographicException or ArgumentException)
        {
            throw new CliException($"cannot use the ticket keys in {directory}: {ex.Message}");
        }
    }

    /// <summary>A count of tickets or fans given to <paramref name="option"/>: a whole number from 1 to <see cref="MaxTickets"/>.</summary>
    public static int ParseCount(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > MaxTickets)
        {
            result.AddError(string.Create(
                CultureInfo.InvariantCulture, $"invalid {option} '{text}': give a whole number from 1 to {MaxTickets:N0}"));
            return 0;
        }

        return count;
    }

    /// <summary>Creates (or truncates) an output file, turning a path that cannot be written into a one-line error.</summary>
    public static FileStream CreateOutput(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{option} needs a file name");
        }

        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"cannot write '{path}': {ex.Message}");
        }
    }
}
