using Haris.Operations.Crowd;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>Builds the <see cref="CrowdMatch"/> the crowd alerts watch for one match: every zone with its safe capacity, and the spectator gates.</summary>
public static class CrowdMatchBuilder
{
    /// <summary>The crowd facts of <paramref name="match"/> at its venue.</summary>
    public static CrowdMatch Build(Tournament tournament, Match match)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        return Build(tournament.VenueOf(match), match);
    }

    /// <summary>The crowd facts of <paramref name="match"/> at <paramref name="venue"/>: gates-open and kick-off in UTC, the zones and the spectator gates.</summary>
    /// <remarks>
    /// Every zone is watched against its <see cref="Zone.SafeCapacity"/>. Only the gates leading to a stand are watched
    /// (<see cref="SpectatorGates"/>): a gate to hospitality, media, staff or pitch areas admits guests and accredited
    /// people in a trickle, and would raise the silence alert every few minutes of a normal ingress.
    /// </remarks>
    public static CrowdMatch Build(Venue venue, Match match)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(match);
        if (match.VenueId != venue.Id)
        {
            throw new ArgumentException($"match '{match.Id}' is played at '{match.VenueId}', not at '{venue.Id}'", nameof(match));
        }

        return new CrowdMatch(
            venue.Id,
            match.Id,
            match.GatesOpenUtc,
            match.KickOffUtc,
            [.. venue.Zones.Select(z => new CrowdZone(z.Id, z.SafeCapacity))],
            [.. SpectatorGates(venue).Select(g => new CrowdGate(g.Id, g.Turnstiles))]);
    }

    /// <summary>The gates of <paramref name="venue"/> that lead to at least one stand, in the venue's order.</summary>
    public static IReadOnlyList<Gate> SpectatorGates(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return [.. venue.Gates.Where(g => g.Zones.Any(z => venue.Zone(z)?.Type == ZoneType.Stand))];
    }
}
