using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Haris.Operations.Tournaments;

/// <summary>Venues: perimeters, zones and gates, and the references between them.</summary>
internal sealed partial class TournamentReader
{
    /// <summary>A venue as far as it could be read; <see cref="Venue"/> is null when something in it was wrong.</summary>
    private sealed record VenueEntry(string Id, TimeZoneInfo? TimeZone, Venue? Venue);

    private sealed record ZoneDraft(
        string Id,
        LocalizedText? Name,
        ZoneType? Type,
        int? Capacity,
        int? Entry,
        int? Holding,
        int? Exit,
        List<(string Id, YamlNode Node, string Path)> Neighbours);

    private List<VenueEntry> ReadVenues(YamlMappingNode root)
    {
        var entries = new List<VenueEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = Items(root, "venues", string.Empty, required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var path = At("venues", i);
            if (AsMap(items[i], path, "a venue: id, names, city, time_zone, capacity, perimeters, zones, gates") is { } map
                && ReadVenue(map, path) is { } entry
                && Unique(seen, entry.Id, Get(map, "id")!, At(path, "id"), "venue id"))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private VenueEntry? ReadVenue(YamlMappingNode map, string path)
    {
        CheckKeys(map, path, "id", "names", "name", "city", "time_zone", "capacity", "perimeters", "zones", "gates");
        var id = Id(map, path);
        var name = Names(map, path, requireAll: true);
        var city = Text(map, "city", path, required: true);
        var timeZone = TimeZone(map, path);
        var capacity = Count(map, "capacity", path, required: true);
        var (outer, inner) = ReadPerimeters(map, path);
        var (zones, zoneIds, standSeats) = ReadZones(map, path);
        var gates = ReadGates(map, path, zoneIds);
        if (capacity is { } seats && standSeats > seats)
        {
            // A sum of stands above the licensed capacity means a stand figure is wrong, and occupancy alarms would trigger late.
            Error(Get(map, "capacity")!, At(path, "capacity"), string.Create(
                CultureInfo.InvariantCulture, $"the stands hold {standSeats:N0} together, more than the venue's capacity of {seats:N0}"));
        }

        if (id is null)
        {
            return null;
        }

        Venue? venue = null;
        if (name is not null && city is not null && timeZone is not null && capacity is not null && outer is not null && inner is not null)
        {
            venue = new Venue
            {
                Id = id,
                Name = name,
                City = city,
                TimeZone = timeZone,
                Capacity = capacity.Value,
                Outer = outer,
                Inner = inner,
                Zones = zones,
                Gates = gates,
            };
        }

        return new VenueEntry(id, timeZone, venue);
    }

    private TimeZoneInfo? TimeZone(YamlMappingNode map, string path)
    {
        var id = Text(map, "time_zone", path, required: true);
        if (id is null)
        {
            return null;
        }

        var node = Get(map, "time_zone")!;
        var at = At(path, "time_zone");

        // IANA ids are made of these characters only; anything else never reaches the look-up, which reads a file named after the id.
        var plausible = !id.Contains("..", StringComparison.Ordinal) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');
        if (!plausible || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            Error(node, at, $"unknown time zone '{Clip(id)}' (an IANA id such as Asia/Qatar)");
            return null;
        }

        if (!zone.HasIanaId)
        {
            Error(node, at, $"'{Clip(id)}' is a Windows time zone id; write the IANA id (such as Asia/Qatar)");
            return null;
        }

        return zone;
    }

    private (Perimeter? Outer, Perimeter? Inner) ReadPerimeters(YamlMappingNode venue, string venuePath)
    {
        var path = At(venuePath, "perimeters");
        var node = Get(venue, "perimeters");
        if (IsNull(node))
        {
            Error(node ?? venue, path, "is required: FIFA requires two concentric secure perimeters, outer and inner, each with check points");
            return (null, null);
        }

        if (AsMap(node!, path, "outer and inner") is not { } map)
        {
            return (null, null);
        }

        CheckKeys(map, path, "outer", "inner");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return (ReadPerimeter(map, path, PerimeterKind.Outer, seen), ReadPerimeter(map, path, PerimeterKind.Inner, seen));
    }

    private Perimeter? ReadPerimeter(YamlMappingNode perimeters, string perimetersPath, PerimeterKind kind, Dictionary<string, int> seen)
    {
        var key = kind == PerimeterKind.Outer ? "outer" : "inner";
        var path = At(perimetersPath, key);
        var node = Get(perimeters, key);
        if (IsNull(node))
        {
            Error(node ?? perimeters, path, "is required: FIFA requires two concentric secure perimeters, outer and inner");
            return null;
        }

        if (AsMap(node!, path, "check_points") is not { } map)
        {
            return null;
        }

        CheckKeys(map, path, "check_points");
        var checkPoints = new List<CheckPoint>();
        var items = Items(map, "check_points", path, required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = At(At(path, "check_points"), i);
            if (AsMap(items[i], itemPath, "a check point: id, name, lanes") is not { } item)
            {
                continue;
            }

            CheckKeys(item, itemPath, "id", "name", "names", "lanes");
            var id = Id(item, itemPath);
            var name = Names(item, itemPath, requireAll: false);
            var lanes = Count(item, "lanes", itemPath, required: true);
            if (id is not null && Unique(seen, id, Get(item, "id")!, At(itemPath, "id"), "check point id") && name is not null && lanes is not null)
            {
                checkPoints.Add(new CheckPoint(id, name, lanes.Value));
            }
        }

        return items.Count == 0 ? null : new Perimeter(kind, checkPoints);
    }

    private (List<Zone> Zones, HashSet<string> Ids, int StandSeats) ReadZones(YamlMappingNode venue, string venuePath)
    {
        var listPath = At(venuePath, "zones");
        var drafts = new List<ZoneDraft>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = Items(venue, "zones", venuePath, required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var path = At(listPath, i);
            if (AsMap(items[i], path, "a zone: id, name, type, capacity, neighbours") is not { } map)
            {
                continue;
            }

            CheckKeys(map, path, "id", "name", "names", "type", "capacity", "neighbours", "entry_capacity", "holding_capacity", "exit_capacity");
            var id = Id(map, path);
            var name = Names(map, path, requireAll: false);
            var type = Choice<ZoneType>(map, "type", path, "zone type");
            var capacity = Count(map, "capacity", path, required: true);
            var entry = Count(map, "entry_capacity", path, required: false);
            var holding = Count(map, "holding_capacity", path, required: false);
            var exit = Count(map, "exit_capacity", path, required: false);
            var neighbours = new List<(string, YamlNode, string)>();
            var neighbourItems = Items(map, "neighbours", path, required: false);
            for (var j = 0; j < neighbourItems.Count; j++)
            {
                var neighbourPath = At(At(path, "neighbours"), j);
                if (Text(neighbourItems[j], neighbourPath) is { } neighbour)
                {
                    neighbours.Add((neighbour, neighbourItems[j], neighbourPath));
                }
            }

            if (id is not null && Unique(seen, id, Get(map, "id")!, At(path, "id"), "zone id"))
            {
                drafts.Add(new ZoneDraft(id, name, type, capacity, entry, holding, exit, neighbours));
            }
        }

        // Neighbours go both ways; the crowd flows between two zones whichever of them lists the other.
        var adjacent = drafts.ToDictionary(d => d.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            foreach (var (neighbour, node, path) in draft.Neighbours)
            {
                if (neighbour == draft.Id)
                {
                    Error(node, path, $"zone '{draft.Id}' lists itself as a neighbour");
                }
                else if (!adjacent.TryGetValue(neighbour, out var reverse))
                {
                    Error(node, path, $"zone '{draft.Id}' neighbours unknown zone '{Clip(neighbour)}'");
                }
                else
                {
                    AddOnce(adjacent[draft.Id], neighbour);
                    AddOnce(reverse, draft.Id);
                }
            }
        }

        var zones = new List<Zone>();
        foreach (var draft in drafts)
        {
            if (draft is { Name: { } name, Type: { } type, Capacity: { } capacity })
            {
                zones.Add(new Zone
                {
                    Id = draft.Id,
                    Name = name,
                    Type = type,
                    Capacity = capacity,
                    Neighbours = adjacent[draft.Id],
                    EntryCapacity = draft.Entry,
                    HoldingCapacity = draft.Holding,
                    ExitCapacity = draft.Exit,
                });
            }
        }

        var standSeats = drafts.Where(d => d.Type == ZoneType.Stand).Sum(d => (long)(d.Capacity ?? 0));
        return (zones, [.. seen.Keys], (int)Math.Min(standSeats, int.MaxValue));
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private List<Gate> ReadGates(YamlMappingNode venue, string venuePath, HashSet<string> zoneIds)
    {
        var listPath = At(venuePath, "gates");
        var gates = new List<Gate>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = Items(venue, "gates", venuePath, required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var path = At(listPath, i);
            if (AsMap(items[i], path, "a gate: id, name, perimeter, zones, turnstiles") is not { } map)
            {
                continue;
            }

            CheckKeys(map, path, "id", "name", "names", "perimeter", "zones", "turnstiles");
            var id = Id(map, path);
            var name = Names(map, path, requireAll: false);
            var perimeter = Choice<PerimeterKind>(map, "perimeter", path, "perimeter");
            var turnstiles = Count(map, "turnstiles", path, required: true);
            var served = new List<string>();
            var zoneItems = Items(map, "zones", path, required: true);
            for (var j = 0; j < zoneItems.Count; j++)
            {
                var zonePath = At(At(path, "zones"), j);
                if (Text(zoneItems[j], zonePath) is not { } zone)
                {
                    continue;
                }

                if (!zoneIds.Contains(zone))
                {
                    Error(zoneItems[j], zonePath, $"gate '{id}' serves unknown zone '{Clip(zone)}'");
                }
                else
                {
                    AddOnce(served, zone);
                }
            }

            if (id is not null && Unique(seen, id, Get(map, "id")!, At(path, "id"), "gate id")
                && name is not null && perimeter is not null && turnstiles is not null)
            {
                gates.Add(new Gate { Id = id, Name = name, Perimeter = perimeter.Value, Zones = served, Turnstiles = turnstiles.Value });
            }
        }

        return gates;
    }
}
