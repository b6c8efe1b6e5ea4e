using Haris.Operations.Accreditation;
using Haris.Operations.Tournaments;
using Haris.Storage.Accreditation;

namespace Haris.Server.Operations.Accreditation;

/// <summary>Accredited people as the database keeps them, and back: grants in the list's <c>zones</c> notation.</summary>
internal static class AccreditationRecords
{
    /// <summary>The longest function the database keeps; the domain allows 200 characters.</summary>
    public const int MaxFunctionLength = 100;

    /// <summary>The longest photo reference the database keeps; the domain allows 500 characters.</summary>
    public const int MaxPhotoReferenceLength = 256;

    /// <summary>The longest grant text the database keeps.</summary>
    public const int MaxAccessLength = 4000;

    /// <summary>The grants of <paramref name="person"/> in the list's notation: <c>dunes/pitch;dunes/type:staff</c>.</summary>
    public static string AccessOf(AccreditedPerson person) => string.Join(';', person.Access.Select(a => a.ToString()));

    /// <summary>What the database cannot keep of <paramref name="person"/>, or null.</summary>
    /// <remarks>The columns are narrower than the domain's limits; a value cut on one provider and refused on another is refused here first.</remarks>
    public static string? CheckStorable(AccreditedPerson person)
    {
        if (person.Function.Length > MaxFunctionLength)
        {
            return $"function is longer than {MaxFunctionLength} characters";
        }

        if (person.PhotoReference is { Length: > MaxPhotoReferenceLength })
        {
            return $"photo is longer than {MaxPhotoReferenceLength} characters";
        }

        return AccessOf(person).Length > MaxAccessLength ? $"zones is longer than {MaxAccessLength} characters once written out" : null;
    }

    /// <summary>A new row for <paramref name="person"/>.</summary>
    public static AccreditedPersonRecord ToRecord(AccreditedPerson person, DateTimeOffset importedAt, string importedBy)
    {
        var record = new AccreditedPersonRecord
        {
            BadgeId = person.BadgeId,
            Name = "",
            Organisation = "",
            Function = "",
            Access = "",
            ImportedBy = importedBy,
        };
        Update(record, person, importedAt, importedBy);
        return record;
    }

    /// <summary>Overwrites <paramref name="record"/> with <paramref name="person"/>, as a list imported again does.</summary>
    public static void Update(AccreditedPersonRecord record, AccreditedPerson person, DateTimeOffset importedAt, string importedBy)
    {
        record.Name = person.Name;
        record.Organisation = person.Organisation;
        record.Function = person.Function;
        record.PhotoReference = person.PhotoReference;
        record.ValidFrom = person.ValidFrom;
        record.ValidTo = person.ValidTo;
        record.Access = AccessOf(person);
        record.ImportedAt = importedAt;
        record.ImportedBy = importedBy;
    }

    /// <summary>The person a row holds, or null with the problem when it cannot be read.</summary>
    /// <remarks>
    /// Grants are checked against <paramref name="tournament"/> first. A grant of a zone the tournament no longer has (the
    /// file was edited since the import) is read without that check and reported in <paramref name="warning"/>: the
    /// badge keeps its other grants, and the checker denies the missing zone.
    /// </remarks>
    public static AccreditedPerson? ToPerson(AccreditedPersonRecord record, Tournament tournament, out string? warning, out string? problem)
    {
        warning = AccreditationCsv.ParseZones(record.Access, tournament, out var access);
        problem = warning is null ? null : AccreditationCsv.ParseZones(record.Access, null, out access);
        if (problem is not null)
        {
            return null;
        }

        return new AccreditedPerson
        {
            BadgeId = record.BadgeId,
            Name = record.Name,
            Organisation = record.Organisation,
            Function = record.Function,
            PhotoReference = record.PhotoReference,
            ValidFrom = record.ValidFrom,
            ValidTo = record.ValidTo,
            Access = access,
        };
    }

    /// <summary>The venue ids the grants of a row name, <see cref="VenueAccess.AllVenues"/> included.</summary>
    public static IEnumerable<string> VenuesOf(string access)
    {
        foreach (var entry in access.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                yield return entry[..slash];
            }
        }
    }
}
