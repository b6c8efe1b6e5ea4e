using Haris.Operations.Tournaments;

namespace Haris.Operations.Accreditation;

/// <summary>One problem in an imported accreditation file.</summary>
/// <param name="Line">The 1-based line number in the file (the header is line 1).</param>
/// <param name="Message">What is wrong, naming the column.</param>
public sealed record AccreditationCsvError(int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>The people read from a file, and the lines that could not be read.</summary>
/// <param name="People">The people of every good line, in file order.</param>
/// <param name="Errors">One entry per bad line (the header included), in file order.</param>
public sealed record AccreditationCsvReadResult(IReadOnlyList<AccreditedPerson> People, IReadOnlyList<AccreditationCsvError> Errors)
{
    /// <summary>Whether every line was read.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The line each of <see cref="People"/> was read from, in the same order; empty for a result built without them.</summary>
    /// <remarks>For checks a caller adds of its own (a store's column limits, the venues a caller may import for), reported by line.</remarks>
    public IReadOnlyList<int> Lines { get; init; } = [];
}

/// <summary>
/// Accreditation lists as CSV (RFC 4180): a header, then one person per line with the columns <c>badge_id, name,
/// organisation, function, photo, valid_from, valid_to, zones</c>; times in ISO 8601 with an offset; zones as
/// <c>venue/zone</c> entries separated by <c>;</c> (docs/accreditation.md).
/// </summary>
public static class AccreditationCsv
{
    /// <summary>The columns, in their documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["badge_id", "name", "organisation", "function", "photo", "valid_from", "valid_to", "zones"];

    private const int BadgeIdColumn = 0;
    private const int NameColumn = 1;
    private const int OrganisationColumn = 2;
    private const int FunctionColumn = 3;
    private const int PhotoColumn = 4;
    private const int ValidFromColumn = 5;
    private const int ValidToColumn = 6;
    private const int ZonesColumn = 7;

    /// <summary>
    /// Reads an accreditation list. Columns may come in any order; <c>photo</c> may be left out. Each bad line is reported
    /// with its number and skipped; the good lines are still returned.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="tournament">
    /// When given, every venue and zone id in the <c>zones</c> column must exist in it, so a typo is caught at import
    /// rather than as a denial at the checkpoint.
    /// </param>
    public static AccreditationCsvReadResult Read(TextReader reader, Tournament? tournament = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var people = new List<AccreditedPerson>();
        var lines = new List<int>();
        var errors = new List<AccreditationCsvError>();
        var fields = new List<string>(Columns.Count);

        var header = reader.ReadLine();
        if (header is null)
        {
            errors.Add(new AccreditationCsvError(1, $"the file is empty; expected a header: {string.Join(',', Columns)}"));
            return new AccreditationCsvReadResult(people, errors);
        }

        if (header.StartsWith('\uFEFF'))
        {
            header = header[1..];
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            errors.Add(new AccreditationCsvError(1, $"the first line is blank; expected a header: {string.Join(',', Columns)}"));
            return new AccreditationCsvReadResult(people, errors);
        }

        if (ReadHeader(header, fields, out var positions) is { } headerError)
        {
            errors.Add(new AccreditationCsvError(1, headerError));
            return new AccreditationCsvReadResult(people, errors);
        }

        var lineByBadge = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (ReadPerson(line, fields, positions, tournament, out var person) is { } error)
            {
                errors.Add(new AccreditationCsvError(lineNumber, error));
            }
            else if (!lineByBadge.TryAdd(person!.BadgeId, lineNumber))
            {
                errors.Add(new AccreditationCsvError(lineNumber, $"badge_id '{person.BadgeId}' is already on line {lineByBadge[person.BadgeId]}"));
            }
            else
            {
                people.Add(person);
                lines.Add(lineNumber);
            }
        }

        return new AccreditationCsvReadResult(people, errors) { Lines = lines };
    }

    /// <summary>Reads the <c>zones</c> notation (<c>dunes/pitch; dunes/type:staff; */media</c>) into grants, one per venue.</summary>
    /// <param name="text">The entries, separated by <c>;</c>.</param>
    /// <param name="tournament">When given, the venue and zone ids must exist in it.</param>
    /// <param name="access">The grants, in the order their venues first appear.</param>
    /// <returns>Null when the text was read; otherwise what is wrong with it.</returns>
    public static string? ParseZones(string text, Tournament? tournament, out IReadOnlyList<VenueAccess> access)
    {
        ArgumentNullException.ThrowIfNull(text);
        access = [];
        var grants = new List<Grant>();
        foreach (var part in text.Split(';'))
        {
            var entry = part.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return $"zones: '{AccreditationFieldRules.Clip(entry)}' is not venue/zone (e.g. dunes/pitch, dunes/type:staff, */*)";
            }

            var venueId = entry[..slash].Trim();
            var zone = entry[(slash + 1)..].Trim();
            if (EntryProblem(venueId, zone, tournament) is { } problem)
            {
                return $"zones: '{AccreditationFieldRules.Clip(entry)}': {problem}";
            }

            var grant = grants.Find(g => g.VenueId == venueId);
            if (grant is null)
            {
                grant = new Grant(venueId);
                grants.Add(grant);
            }

            if (zone == "*")
            {
                grant.AllZones = true;
            }
            else if (zone.StartsWith("type:", StringComparison.Ordinal))
            {
                ZoneTypeNames.TryParse(zone["type:".Length..], out var type);
                if (!grant.Types.Contains(type))
                {
                    grant.Types.Add(type);
                }
            }
            else if (!grant.Zones.Contains(zone))
            {
                grant.Zones.Add(zone);
            }
        }

        if (grants.Count == 0)
        {
            return "zones is empty: the badge would open nothing";
        }

        access = [.. grants.Select(g => new VenueAccess { VenueId = g.VenueId, Zones = g.Zones, ZoneTypes = g.Types, AllZones = g.AllZones })];
        return null;
    }

    private static string? EntryProblem(string venueId, string zone, Tournament? tournament)
    {
        Venue? venue = null;
        if (venueId != VenueAccess.AllVenues)
        {
            if (!AccreditationFieldRules.IsId(venueId))
            {
                return $"'{AccreditationFieldRules.Clip(venueId)}' is not a venue id or '*'";
            }

            venue = tournament?.Venue(venueId);
            if (tournament is not null && venue is null)
            {
                return $"the tournament has no venue '{venueId}'";
            }
        }

        if (zone == "*")
        {
            return null;
        }

        if (zone.StartsWith("type:", StringComparison.Ordinal))
        {
            return ZoneTypeNames.TryParse(zone["type:".Length..], out _)
                ? null
                : $"'{AccreditationFieldRules.Clip(zone["type:".Length..])}' is not a zone type; the types are {string.Join(", ", ZoneTypeNames.All)}";
        }

        if (!AccreditationFieldRules.IsId(zone))
        {
            return $"'{AccreditationFieldRules.Clip(zone)}' is not a zone id, type:<zone type> or '*'";
        }

        if (tournament is null)
        {
            return null;
        }

        if (venue is not null)
        {
            return venue.Zone(zone) is null ? $"venue '{venue.Id}' has no zone '{zone}'" : null;
        }

        foreach (var any in tournament.Venues)
        {
            if (any.Zone(zone) is not null)
            {
                return null;
            }
        }

        return $"no venue of the tournament has a zone '{zone}'";
    }

    private static string? ReadHeader(string header, List<string> fields, out int[] positions)
    {
        // positions[column] is the index of the column in the file, or -1 when the file does not have it.
        positions = [-1, -1, -1, -1, -1, -1, -1, -1];
        if (CsvText.SplitLine(header, fields) is { } splitError)
        {
            return $"header: {splitError}";
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            var column = -1;
            for (var c = 0; c < Columns.Count; c++)
            {
                if (string.Equals(Columns[c], name, StringComparison.OrdinalIgnoreCase))
                {
                    column = c;
                    break;
                }
            }

            if (column < 0)
            {
                return $"header: unknown column '{AccreditationFieldRules.Clip(name)}'; the columns are {string.Join(", ", Columns)}";
            }

            if (positions[column] >= 0)
            {
                return $"header: column '{name}' appears twice";
            }

            positions[column] = i;
        }

        foreach (var required in (ReadOnlySpan<int>)[BadgeIdColumn, NameColumn, OrganisationColumn, FunctionColumn, ValidFromColumn, ValidToColumn, ZonesColumn])
        {
            if (positions[required] < 0)
            {
                return $"header: column '{Columns[required]}' is missing";
            }
        }

        return null;
    }

    private static string? ReadPerson(string line, List<string> fields, int[] positions, Tournament? tournament, out AccreditedPerson? person)
    {
        person = null;
        if (CsvText.SplitLine(line, fields) is { } splitError)
        {
            return splitError;
        }

        var expected = 0;
        foreach (var position in positions)
        {
            expected += position >= 0 ? 1 : 0;
        }

        if (fields.Count != expected)
        {
            return $"{fields.Count} columns where the header has {expected}";
        }

        string Field(int column) => positions[column] >= 0 ? fields[positions[column]].Trim() : "";

        if (!CsvText.TryParseTime(Field(ValidFromColumn), out var validFrom))
        {
            return $"valid_from '{AccreditationFieldRules.Clip(Field(ValidFromColumn))}' is not an ISO 8601 time with an offset (e.g. 2026-06-01T00:00:00Z)";
        }

        if (!CsvText.TryParseTime(Field(ValidToColumn), out var validTo))
        {
            return $"valid_to '{AccreditationFieldRules.Clip(Field(ValidToColumn))}' is not an ISO 8601 time with an offset (e.g. 2026-07-20T23:59:59+03:00)";
        }

        if (ParseZones(Field(ZonesColumn), tournament, out var access) is { } zonesError)
        {
            return zonesError;
        }

        var photo = Field(PhotoColumn);
        var candidate = new AccreditedPerson
        {
            BadgeId = Field(BadgeIdColumn),
            Name = Field(NameColumn),
            Organisation = Field(OrganisationColumn),
            Function = Field(FunctionColumn),
            PhotoReference = photo.Length == 0 ? null : photo,
            ValidFrom = validFrom,
            ValidTo = validTo,
            Access = access,
        };
        if (AccreditationFieldRules.Check(candidate) is { } problem)
        {
            return problem;
        }

        person = candidate;
        return null;
    }

    private sealed class Grant(string venueId)
    {
        public string VenueId { get; } = venueId;

        public List<string> Zones { get; } = [];

        public List<ZoneType> Types { get; } = [];

        public bool AllZones { get; set; }
    }
}
