using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Haris.Operations.Tournaments;

/// <summary>
/// Turns one YAML document into a <see cref="Tournament"/>, checking every value and reference on the way and
/// collecting all the problems rather than stopping at the first, each with its line.
/// </summary>
/// <remarks>
/// Parts with an error are still read as far as they go, so that one mistake does not hide the next; a tournament is
/// built only when nothing was wrong. Every path that gives up on a part has reported why.
/// </remarks>
internal sealed partial class TournamentReader(string file)
{
    private readonly string _file = file;
    private readonly List<TournamentError> _errors = [];

    public TournamentLoadResult Read(string yaml)
    {
        var tournament = Parse(yaml) is { } root ? ReadTournament(root) : null;
        if (_errors.Count > 0 || tournament is null)
        {
            return TournamentLoadResult.Failure([.. _errors.OrderBy(e => e.Line ?? 0)]);
        }

        return TournamentLoadResult.Success(tournament);
    }

    private YamlMappingNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(yaml))));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            _errors.Add(new TournamentError(_file, ex.Start.Line > 0 ? (int)ex.Start.Line : null, "invalid YAML: " + reason.Trim()));
            return null;
        }
        catch (ArgumentException ex)
        {
            // Older YamlDotNet versions report a repeated key in a mapping this way, without a position.
            _errors.Add(new TournamentError(_file, null, "invalid YAML: " + ex.Message));
            return null;
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            _errors.Add(new TournamentError(_file, null, "the file is empty: expected a map with name, venues, matches, units and procedures"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, string.Empty, $"expected one YAML document, found {stream.Documents.Count}");
            return null;
        }

        return AsMap(stream.Documents[0].RootNode, string.Empty, "name, venues, matches, units, procedures") is { } root ? root : null;
    }

    private Tournament? ReadTournament(YamlMappingNode root)
    {
        CheckKeys(root, string.Empty, "name", "names", "venues", "matches", "units", "procedures");
        var name = Names(root, string.Empty, requireAll: false);
        var venues = ReadVenues(root);
        var matches = ReadMatches(root, venues);
        var units = ReadUnits(root, venues);
        var procedures = ReadProcedures(root);
        if (name is null || _errors.Count > 0)
        {
            return null;
        }

        return new Tournament
        {
            Name = name,
            Venues = [.. venues.Select(v => v.Venue!)],
            Matches = matches,
            Units = units,
            Procedures = procedures,
        };
    }
}
