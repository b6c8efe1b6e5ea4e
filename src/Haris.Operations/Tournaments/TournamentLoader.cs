namespace Haris.Operations.Tournaments;

/// <summary>Loads a tournament configuration from YAML and checks it; bad input is reported, never thrown.</summary>
public static class TournamentLoader
{
    /// <summary>Reads and checks the tournament file at <paramref name="path"/>.</summary>
    public static TournamentLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return TournamentLoadResult.Failure([new TournamentError(path, null, "no such file")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return TournamentLoadResult.Failure([new TournamentError(path, null, "cannot read: " + ex.Message)]);
        }

        return LoadText(text, path);
    }

    /// <summary>Checks a tournament given as YAML text; <paramref name="sourceName"/> names it in errors.</summary>
    public static TournamentLoadResult LoadText(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new TournamentReader(sourceName).Read(yaml);
    }
}
