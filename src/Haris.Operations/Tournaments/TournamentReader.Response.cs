using Haris.Core.Incidents;
using YamlDotNet.RepresentationModel;

namespace Haris.Operations.Tournaments;

/// <summary>The response side: security units and the procedure for each incident category.</summary>
internal sealed partial class TournamentReader
{
    private List<SecurityUnit> ReadUnits(YamlMappingNode root, List<VenueEntry> venues)
    {
        var venueIds = venues.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var units = new List<SecurityUnit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = Items(root, "units", string.Empty, required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var path = At("units", i);
            if (AsMap(items[i], path, "a unit: id, kind, name, home_venue, size") is not { } map)
            {
                continue;
            }

            CheckKeys(map, path, "id", "kind", "name", "names", "home_venue", "size");
            var id = Id(map, path);
            var kind = Choice<UnitKind>(map, "kind", path, "unit kind");
            var name = Names(map, path, requireAll: false);
            var home = Text(map, "home_venue", path, required: false);
            var size = Count(map, "size", path, required: true);
            if (home is not null && !venueIds.Contains(home))
            {
                Error(Get(map, "home_venue")!, At(path, "home_venue"), $"unit '{id}' is based at unknown venue '{Clip(home)}'");
            }

            if (id is not null && Unique(seen, id, Get(map, "id")!, At(path, "id"), "unit id") && kind is not null && name is not null && size is not null)
            {
                units.Add(new SecurityUnit(id, kind.Value, name, home, size.Value));
            }
        }

        return units;
    }

    private List<Procedure> ReadProcedures(YamlMappingNode root)
    {
        var procedures = new List<Procedure>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = Items(root, "procedures", string.Empty, required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var path = At("procedures", i);
            if (AsMap(items[i], path, "a procedure: category, steps") is not { } map)
            {
                continue;
            }

            CheckKeys(map, path, "category", "steps");
            var category = Choice<IncidentCategory>(map, "category", path, "incident category");
            var steps = ReadSteps(map, path);
            if (category is { } known
                && Unique(seen, SnakeName(known), Get(map, "category")!, At(path, "category"), "procedure for category")
                && steps is not null)
            {
                procedures.Add(new Procedure(known, steps));
            }
        }

        return procedures;
    }

    private List<LocalizedText>? ReadSteps(YamlMappingNode procedure, string procedurePath)
    {
        var listPath = At(procedurePath, "steps");
        var items = Items(procedure, "steps", procedurePath, required: true);
        var steps = new List<LocalizedText>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = At(listPath, i);
            var step = items[i] switch
            {
                YamlMappingNode map => Localized(map, path, requireAll: false),
                var node => Text(node, path) is { } text ? new LocalizedText(text) : null,
            };

            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return items.Count == 0 ? null : steps;
    }
}
