namespace Haris.Operations.Accreditation;

/// <summary>What an accredited person's fields may hold, checked the same way when importing and registering.</summary>
/// <remarks>
/// These values reach CSV files, alerts, logs and screens in three languages, so control characters are refused, and so
/// are the bidirectional embedding, override and isolate characters, which can make a name read differently on screen
/// than it is stored (Arabic names need none of them).
/// </remarks>
internal static class AccreditationFieldRules
{
    /// <summary>The longest badge id, in characters.</summary>
    public const int MaxBadgeIdLength = 64;

    /// <summary>The longest name, organisation, function or revocation reason, in characters.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The longest photo reference, in characters.</summary>
    public const int MaxPhotoReferenceLength = 500;

    /// <summary>The longest venue or zone id, as the tournament configuration allows.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The first problem with a person's fields, or null when the person may be registered.</summary>
    public static string? Check(AccreditedPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return CheckBadgeId(person.BadgeId)
            ?? CheckText("name", person.Name, MaxTextLength, required: true)
            ?? CheckText("organisation", person.Organisation, MaxTextLength, required: true)
            ?? CheckText("function", person.Function, MaxTextLength, required: true)
            ?? CheckText("photo", person.PhotoReference, MaxPhotoReferenceLength, required: false)
            ?? (person.ValidTo < person.ValidFrom ? "valid_to is before valid_from" : null)
            ?? CheckAccess(person.Access);
    }

    /// <summary>The problem with a badge id, or null.</summary>
    public static string? CheckBadgeId(string? badgeId)
    {
        if (string.IsNullOrEmpty(badgeId))
        {
            return "badge_id is empty";
        }

        return IsBadgeId(badgeId)
            ? null
            : $"badge_id '{Clip(badgeId)}' is not a badge id: use 1 to {MaxBadgeIdLength} ASCII letters, digits, '-' and '_'";
    }

    /// <summary>Whether the text has the badge id form.</summary>
    public static bool IsBadgeId(string text)
    {
        if (text.Length is 0 or > MaxBadgeIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the text has the form of a tournament id: lower-case letters, digits, '-' and '_'.</summary>
    public static bool IsId(string text)
    {
        if (text.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The problem with a text field, or null.</summary>
    public static string? CheckText(string what, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"{what} is empty" : null;
        }

        if (value.Length > maxLength)
        {
            return $"{what} is longer than {maxLength} characters";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return $"{what} contains a control character";
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return $"{what} contains a bidirectional override character";
            }
        }

        return null;
    }

    /// <summary>The problem with a person's grants, or null.</summary>
    public static string? CheckAccess(IReadOnlyList<VenueAccess>? access)
    {
        if (access is null || access.Count == 0)
        {
            return "zones is empty: the badge would open nothing";
        }

        foreach (var grant in access)
        {
            if (grant is null)
            {
                return "zones holds a missing grant";
            }

            if (grant.VenueId != VenueAccess.AllVenues && !IsId(grant.VenueId ?? ""))
            {
                return $"zones: '{Clip(grant.VenueId ?? "")}' is not a venue id or '*'";
            }

            if (!grant.AllZones && grant.Zones.Count == 0 && grant.ZoneTypes.Count == 0)
            {
                return $"zones: the grant for venue '{grant.VenueId}' opens no zone";
            }

            foreach (var zone in grant.Zones)
            {
                if (!IsId(zone ?? ""))
                {
                    return $"zones: '{Clip(zone ?? "")}' is not a zone id";
                }
            }

            foreach (var type in grant.ZoneTypes)
            {
                if (!Enum.IsDefined(type))
                {
                    return $"zones: {(int)type} is not a zone type";
                }
            }
        }

        return null;
    }

    /// <summary>Cuts a value quoted in a message, so a hostile file cannot make the message itself huge.</summary>
    public static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
