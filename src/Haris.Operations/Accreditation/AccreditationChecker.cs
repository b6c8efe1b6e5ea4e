using Haris.Operations.Tournaments;

namespace Haris.Operations.Accreditation;

/// <summary>Decides at a checkpoint whether a badge opens the zone it is presented at, against the tournament's venues and zones.</summary>
/// <remarks>
/// The checks run in a fixed order and the first that fails gives the reason: <c>unknown_badge</c>, <c>revoked</c>,
/// <c>outside_validity</c>, <c>venue_not_allowed</c>, <c>zone_not_allowed</c>. A scan naming a venue or zone the
/// tournament does not have is denied (a checkpoint set up wrongly must not open doors), as
/// <c>venue_not_allowed</c> or <c>zone_not_allowed</c>; the checkpoint's denials then raise the repeated-denials alert.
/// Thread-safe: it only reads the tournament and the thread-safe registry.
/// </remarks>
public sealed class AccreditationChecker
{
    private readonly Tournament _tournament;
    private readonly AccreditationRegistry _registry;

    /// <summary>Creates a checker of the badges in <paramref name="registry"/> against the venues of <paramref name="tournament"/>.</summary>
    public AccreditationChecker(Tournament tournament, AccreditationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        ArgumentNullException.ThrowIfNull(registry);
        _tournament = tournament;
        _registry = registry;
    }

    /// <summary>Decides whether the badge of <paramref name="scan"/> admits into its zone at its time.</summary>
    /// <exception cref="ArgumentException">The scan names no venue, checkpoint or zone (a reader set up wrongly).</exception>
    public AccreditationVerdict Check(CheckpointScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan.BadgeId, nameof(scan));
        ArgumentException.ThrowIfNullOrEmpty(scan.VenueId, nameof(scan));
        ArgumentException.ThrowIfNullOrEmpty(scan.CheckpointId, nameof(scan));
        ArgumentException.ThrowIfNullOrEmpty(scan.ZoneId, nameof(scan));

        if (!_registry.TryGet(scan.BadgeId, out var person))
        {
            return AccreditationVerdict.Deny(AccreditationReason.UnknownBadge, null);
        }

        if (_registry.IsRevoked(scan.BadgeId))
        {
            return AccreditationVerdict.Deny(AccreditationReason.Revoked, person);
        }

        if (!person.IsValidAt(scan.Time))
        {
            return AccreditationVerdict.Deny(AccreditationReason.OutsideValidity, person);
        }

        var venue = _tournament.Venue(scan.VenueId);
        if (venue is null || !person.CoversVenue(venue.Id))
        {
            return AccreditationVerdict.Deny(AccreditationReason.VenueNotAllowed, person);
        }

        var zone = venue.Zone(scan.ZoneId);
        if (zone is null || !person.Allows(venue.Id, zone))
        {
            return AccreditationVerdict.Deny(AccreditationReason.ZoneNotAllowed, person);
        }

        return AccreditationVerdict.Admit(person);
    }
}
