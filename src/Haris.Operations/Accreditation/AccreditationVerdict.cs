namespace Haris.Operations.Accreditation;

/// <summary>Whether the checkpoint lets the badge holder through.</summary>
public enum AccreditationDecision
{
    /// <summary>Let the holder in.</summary>
    Admit,

    /// <summary>Keep the holder out.</summary>
    Deny,
}

/// <summary>Why a badge was admitted or denied; <see cref="AccreditationVerdict.ReasonName"/> gives the API's name.</summary>
/// <remarks>The checks run in the order of the denial reasons here; the first that fails gives the reason.</remarks>
public enum AccreditationReason
{
    /// <summary>Admitted: the badge opens this zone now (<c>allowed</c>).</summary>
    Allowed,

    /// <summary>No person is registered with the badge id (<c>unknown_badge</c>).</summary>
    UnknownBadge,

    /// <summary>The badge has been revoked (<c>revoked</c>).</summary>
    Revoked,

    /// <summary>The scan's time is outside the badge's validity window (<c>outside_validity</c>).</summary>
    OutsideValidity,

    /// <summary>No grant of the badge is for this venue, or the tournament has no such venue (<c>venue_not_allowed</c>).</summary>
    VenueNotAllowed,

    /// <summary>The badge's grants for this venue do not open this zone, or the venue has no such zone (<c>zone_not_allowed</c>).</summary>
    ZoneNotAllowed,
}

/// <summary>The answer to a badge presented at a checkpoint.</summary>
/// <param name="Decision">Whether the holder goes through.</param>
/// <param name="Reason">Why.</param>
/// <param name="Person">The person registered with the badge; null for an unknown badge.</param>
public readonly record struct AccreditationVerdict(AccreditationDecision Decision, AccreditationReason Reason, AccreditedPerson? Person)
{
    /// <summary>Whether the holder goes through.</summary>
    public bool IsAdmitted => Decision == AccreditationDecision.Admit;

    /// <summary>The decision as the API spells it: <c>admit</c> or <c>deny</c>.</summary>
    public string DecisionName => Decision == AccreditationDecision.Admit ? "admit" : "deny";

    /// <summary>The reason as the API spells it (<c>unknown_badge</c>, <c>zone_not_allowed</c>, ...).</summary>
    public string ReasonName => NameOf(Reason);

    /// <summary>A reason as the API spells it.</summary>
    public static string NameOf(AccreditationReason reason) => reason switch
    {
        AccreditationReason.Allowed => "allowed",
        AccreditationReason.UnknownBadge => "unknown_badge",
        AccreditationReason.Revoked => "revoked",
        AccreditationReason.OutsideValidity => "outside_validity",
        AccreditationReason.VenueNotAllowed => "venue_not_allowed",
        AccreditationReason.ZoneNotAllowed => "zone_not_allowed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    internal static AccreditationVerdict Admit(AccreditedPerson person) => new(AccreditationDecision.Admit, AccreditationReason.Allowed, person);

    internal static AccreditationVerdict Deny(AccreditationReason reason, AccreditedPerson? person) => new(AccreditationDecision.Deny, reason, person);
}
