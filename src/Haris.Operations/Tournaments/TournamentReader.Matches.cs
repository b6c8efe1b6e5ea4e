using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Haris.Operations.Tournaments;

/// <summary>Matches: venue references, kick-off and gates-open times in the venue's time zone, and clashes at one venue.</summary>
internal sealed partial class TournamentReader
{
    /// <summary>How long a venue is taken from kick-off: up to 2¾ hours of play with extra time and penalties, then egress and a sweep of the stands.</summary>
    private static readonly TimeSpan s_venueTakenAfterKickOff = TimeSpan.FromHours(4);

    private static readonly string[] s_localFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    private static readonly string[] s_offsetFormats =
        ["yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    private List<Match> ReadMatches(YamlMappingNode root, List<VenueEntry> venues)
    {
        var venuesById = new Dictionary<string, VenueEntry>(StringComparer.Ordinal);
        foreach (var venue in venues)
        {
            venuesById.TryAdd(venue.Id, venue);
        }

        var matches = new List<(Match Match, YamlMappingNode Node, string Path)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = Items(root, "matches", string.Empty, required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var path = At("matches", i);
            if (AsMap(items[i], path, "a match: id, venue, kick_off, gates_open, teams") is not { } map)
            {
                continue;
            }

            CheckKeys(map, path, "id", "venue", "kick_off", "gates_open", "teams", "stage");
            var id = Id(map, path);
            var venueId = Text(map, "venue", path, required: true);
            VenueEntry? venue = null;
            if (venueId is not null && !venuesById.TryGetValue(venueId, out venue))
            {
                Error(Get(map, "venue")!, At(path, "venue"), $"match '{id}' is at unknown venue '{Clip(venueId)}'");
            }

            var stage = Text(map, "stage", path, required: false);
            var teams = ReadTeams(map, path);
            var kickOff = ReadKickOff(map, path, venue?.TimeZone);
            var gatesOpen = kickOff is { } start ? ReadGatesOpen(map, path, start, venue!.TimeZone!) : null;
            if (id is not null && Unique(seen, id, Get(map, "id")!, At(path, "id"), "match id")
                && venueId is not null && teams is not null && kickOff is not null && gatesOpen is not null)
            {
                var match = new Match { Id = id, VenueId = venueId, KickOff = kickOff.Value, GatesOpen = gatesOpen.Value, Teams = teams, Stage = stage };
                matches.Add((match, map, path));
            }
        }

        CheckClashes(matches);
        return [.. matches.Select(m => m.Match)];
    }

    private List<string>? ReadTeams(YamlMappingNode map, string path)
    {
        var teamsPath = At(path, "teams");
        var items = Items(map, "teams", path, required: true);
        if (items.Count == 0)
        {
            return null;
        }

        if (items.Count != 2)
        {
            Error(Get(map, "teams")!, teamsPath, $"must name exactly two teams, not {items.Count}");
            return null;
        }

        var teams = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Text(items[i], At(teamsPath, i)) is { } team)
            {
                teams.Add(team);
            }
        }

        if (teams.Count == 2 && string.Equals(teams[0], teams[1], StringComparison.OrdinalIgnoreCase))
        {
            Error(Get(map, "teams")!, teamsPath, $"'{Clip(teams[0])}' cannot play itself");
            return null;
        }

        return teams.Count == 2 ? teams : null;
    }

    private DateTimeOffset? ReadKickOff(YamlMappingNode map, string path, TimeZoneInfo? zone)
    {
        var text = Text(map, "kick_off", path, required: true, "is required: the local date and time, e.g. 2026-06-12 19:00");
        if (text is null)
        {
            return null;
        }

        // Without a usable venue (reported already) the time is still checked for its form.
        return LocalTime(Get(map, "kick_off")!, At(path, "kick_off"), text, zone);
    }

    private DateTimeOffset? ReadGatesOpen(YamlMappingNode map, string path, DateTimeOffset kickOff, TimeZoneInfo zone)
    {
        var node = Get(map, "gates_open");
        if (IsNull(node))
        {
            return kickOff - Match.DefaultGatesOpenBefore;
        }

        var at = At(path, "gates_open");
        if (Text(node!, at) is not { } text)
        {
            return null;
        }

        DateTimeOffset? gatesOpen;
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var timeOfDay))
        {
            // A bare time is on the match day; gates that open the day before must give the date.
            gatesOpen = Resolve(node!, at, DateOnly.FromDateTime(kickOff.DateTime).ToDateTime(timeOfDay), zone);
        }
        else
        {
            gatesOpen = LocalTime(node!, at, text, zone);
        }

        if (gatesOpen is { } open && open >= kickOff)
        {
            Error(node!, at, string.Create(
                CultureInfo.InvariantCulture, $"gates open at {open:yyyy-MM-dd HH:mm}, which is not before kick-off at {kickOff:yyyy-MM-dd HH:mm}"));
            return null;
        }

        return gatesOpen;
    }

    /// <summary>A date and time at the venue: local (the usual form), or with a UTC offset that must be the venue's at that moment.</summary>
    private DateTimeOffset? LocalTime(YamlNode node, string path, string text, TimeZoneInfo? zone)
    {
        if (DateTime.TryParseExact(text, s_localFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return zone is null ? null : Resolve(node, path, local, zone);
        }

        if (DateTimeOffset.TryParseExact(text, s_offsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            if (zone is null)
            {
                return null;
            }

            var venueOffset = TimeZoneInfo.ConvertTime(withOffset, zone).Offset;
            if (venueOffset != withOffset.Offset)
            {
                Error(node, path, $"the offset {Offset(withOffset.Offset)} is not {zone.Id}'s at that time ({Offset(venueOffset)}); write the local time without an offset");
                return null;
            }

            return withOffset;
        }

        Error(node, path, $"must be a local date and time such as 2026-06-12 19:00 (got '{Clip(text)}')");
        return null;
    }

    /// <summary>Places a wall-clock time in the venue's zone; a time the clocks skip or pass twice is refused rather than guessed.</summary>
    private DateTimeOffset? Resolve(YamlNode node, string path, DateTime local, TimeZoneInfo zone)
    {
        var when = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (zone.IsInvalidTime(local))
        {
            Error(node, path, $"{when} does not exist in {zone.Id}: the clocks go forward over it");
            return null;
        }

        if (zone.IsAmbiguousTime(local))
        {
            Error(node, path, $"{when} happens twice in {zone.Id} as the clocks go back; add the UTC offset meant (e.g. {when}{Offset(zone.GetAmbiguousTimeOffsets(local)[0])})");
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>Reports a match whose gates open while the previous match at the same venue still holds it.</summary>
    private void CheckClashes(List<(Match Match, YamlMappingNode Node, string Path)> matches)
    {
        foreach (var atVenue in matches.GroupBy(m => m.Match.VenueId, StringComparer.Ordinal))
        {
            var ordered = atVenue.OrderBy(m => m.Match.KickOff).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (earlier, later) = (ordered[i - 1].Match, ordered[i].Match);
                if (later.GatesOpen < earlier.KickOff + s_venueTakenAfterKickOff)
                {
                    Error(ordered[i].Node, ordered[i].Path, string.Create(CultureInfo.InvariantCulture,
                        $"match '{later.Id}' opens its gates at {later.GatesOpen:yyyy-MM-dd HH:mm}, while match '{earlier.Id}' (kick-off {earlier.KickOff:yyyy-MM-dd HH:mm}) still holds venue '{later.VenueId}'; a venue is taken for {s_venueTakenAfterKickOff.TotalHours:0} hours from kick-off"));
                }
            }
        }
    }
}
