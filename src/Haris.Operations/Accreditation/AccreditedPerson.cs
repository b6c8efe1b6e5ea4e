using Haris.Operations.Tournaments;

namespace Haris.Operations.Accreditation;

/// <summary>Someone who works at the event and carries an accreditation badge: who they are and where the badge opens.</summary>
/// <remarks>
/// The validity window is inclusive at both ends, to the second, as tickets are. Revocation is kept by the
/// <see cref="AccreditationRegistry"/>, apart from the person, so that importing the list again does not undo it.
/// </remarks>
public sealed record AccreditedPerson
{
    /// <summary>The id the badge carries (barcode or chip): 1–64 ASCII letters, digits, '-' and '_'; case matters.</summary>
    public required string BadgeId { get; init; }

    /// <summary>The person's name as printed on the badge.</summary>
    public required string Name { get; init; }

    /// <summary>Who the person works for, e.g. a police force, a broadcaster or a team's delegation.</summary>
    public required string Organisation { get; init; }

    /// <summary>What the person does at the event, e.g. <c>steward</c>, <c>police</c>, <c>photographer</c>, <c>volunteer</c>.</summary>
    public required string Function { get; init; }

    /// <summary>Where the accreditation system keeps the badge photo (a file name or an id); never fetched by Haris.</summary>
    public string? PhotoReference { get; init; }

    /// <summary>The first moment the badge admits.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>The last moment the badge admits (inclusive, to the second).</summary>
    public required DateTimeOffset ValidTo { get; init; }

    /// <summary>Where the badge opens: one grant per venue, or for all venues.</summary>
    public required IReadOnlyList<VenueAccess> Access { get; init; }

    /// <summary>Whether <paramref name="text"/> has the form of a badge id: 1–64 ASCII letters, digits, '-' and '_'.</summary>
    /// <remarks>For what a checkpoint reader sends: a value of another form cannot be anyone's badge.</remarks>
    public static bool IsBadgeId(string? text) => text is not null && AccreditationFieldRules.IsBadgeId(text);

    /// <summary>Whether <paramref name="time"/> falls within the validity window, both ends included, to the second.</summary>
    public bool IsValidAt(DateTimeOffset time)
    {
        var second = time.ToUnixTimeSeconds();
        return second >= ValidFrom.ToUnixTimeSeconds() && second <= ValidTo.ToUnixTimeSeconds();
    }

    /// <summary>Whether any grant is for the venue with <paramref name="venueId"/>.</summary>
    public bool CoversVenue(string venueId)
    {
        foreach (var grant in Access)
        {
            if (grant.CoversVenue(venueId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any grant opens <paramref name="zone"/> of the venue with <paramref name="venueId"/>.</summary>
    public bool Allows(string venueId, Zone zone)
    {
        foreach (var grant in Access)
        {
            if (grant.Allows(venueId, zone))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The badge id only: a person's name does not belong in logs.</summary>
    public override string ToString() => BadgeId;
}
