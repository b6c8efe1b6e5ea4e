using System.Text;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Accreditation;

/// <summary>
/// The zones a badge opens at one venue (or at every venue): listed zones, every zone of some types, or every zone.
/// </summary>
/// <remarks>
/// Zone types are resolved against the venue's zones at the checkpoint, so "all staff zones" follows the tournament
/// configuration. A grant for <see cref="AllVenues"/> that lists zone ids opens a zone of that id at any venue.
/// </remarks>
public sealed record VenueAccess
{
    /// <summary>The venue id that stands for every venue of the tournament.</summary>
    public const string AllVenues = "*";

    /// <summary>The venue the grant is for, or <see cref="AllVenues"/>.</summary>
    public required string VenueId { get; init; }

    /// <summary>The ids of the zones the grant opens.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>The zone types whose every zone the grant opens, e.g. <see cref="ZoneType.Staff"/>.</summary>
    public IReadOnlyList<ZoneType> ZoneTypes { get; init; } = [];

    /// <summary>Whether the grant opens every zone of the venue.</summary>
    public bool AllZones { get; init; }

    /// <summary>Whether the grant is for the venue with <paramref name="venueId"/>.</summary>
    public bool CoversVenue(string venueId) => VenueId == AllVenues || string.Equals(VenueId, venueId, StringComparison.Ordinal);

    /// <summary>Whether the grant opens <paramref name="zone"/> of the venue with <paramref name="venueId"/>.</summary>
    public bool Allows(string venueId, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!CoversVenue(venueId))
        {
            return false;
        }

        if (AllZones)
        {
            return true;
        }

        foreach (var id in Zones)
        {
            if (string.Equals(id, zone.Id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var type in ZoneTypes)
        {
            if (type == zone.Type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A grant of the listed zones of one venue (or of <see cref="AllVenues"/>).</summary>
    public static VenueAccess ToZones(string venueId, params IReadOnlyList<string> zoneIds) =>
        new() { VenueId = venueId, Zones = [.. zoneIds] };

    /// <summary>A grant of every zone of the listed types at one venue (or at <see cref="AllVenues"/>).</summary>
    public static VenueAccess ToZoneTypes(string venueId, params IReadOnlyList<ZoneType> types) =>
        new() { VenueId = venueId, ZoneTypes = [.. types] };

    /// <summary>A grant of every zone of one venue (or of <see cref="AllVenues"/>).</summary>
    public static VenueAccess ToAllZones(string venueId) => new() { VenueId = venueId, AllZones = true };

    /// <summary>The grant in the CSV notation (docs/accreditation.md): <c>dunes/pitch;dunes/type:staff</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (AllZones)
        {
            Entry(text, VenueId, "*");
        }

        foreach (var zone in Zones)
        {
            Entry(text, VenueId, zone);
        }

        foreach (var type in ZoneTypes)
        {
            Entry(text, VenueId, "type:" + ZoneTypeNames.Name(type));
        }

        return text.ToString();

        static void Entry(StringBuilder text, string venue, string zone)
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(venue).Append('/').Append(zone);
        }
    }
}

/// <summary>The zone type names as the tournament YAML and the accreditation CSV write them.</summary>
internal static class ZoneTypeNames
{
    /// <summary>Every name, in the order of <see cref="ZoneType"/>.</summary>
    public static IReadOnlyList<string> All { get; } = ["stand", "concourse", "pitch", "hospitality", "media", "staff"];

    /// <summary>The lower-case name of a zone type.</summary>
    public static string Name(ZoneType type) => type switch
    {
        ZoneType.Stand => "stand",
        ZoneType.Concourse => "concourse",
        ZoneType.Pitch => "pitch",
        ZoneType.Hospitality => "hospitality",
        ZoneType.Media => "media",
        ZoneType.Staff => "staff",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a lower-case zone type name; numbers and other spellings are refused.</summary>
    public static bool TryParse(string text, out ZoneType type)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], text, StringComparison.Ordinal))
            {
                type = (ZoneType)i;
                return true;
            }
        }

        type = default;
        return false;
    }
}
