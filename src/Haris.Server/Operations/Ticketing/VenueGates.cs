using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Server.Operations.Ticketing;

/// <summary>The gates of one venue as the validator sees them: which match they scan for now, and which zones they serve.</summary>
/// <remarks>
/// A gate scans for the venue's match whose window holds the moment: from its gates-open time to the end of its
/// tickets' validity (<see cref="TicketBatch.ValidAfterKickOff"/> after kick-off). Outside every window it scans for
/// none, and every ticket is refused as for the wrong match.
/// </remarks>
public sealed class VenueGates : ITicketGates
{
    private readonly Match[] _matches;
    private readonly TimeProvider _time;

    /// <summary>The gates of <paramref name="venue"/>, for its <paramref name="matches"/>.</summary>
    public VenueGates(Venue venue, IEnumerable<Match> matches, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(time);
        Venue = venue;
        _matches = [.. matches.Where(m => m.VenueId == venue.Id).OrderBy(m => m.GatesOpenUtc)];
        _time = time;
    }

    /// <summary>The venue.</summary>
    public Venue Venue { get; }

    /// <summary>The match the venue's gates scan for at <paramref name="time"/>, or null.</summary>
    public Match? MatchAt(DateTimeOffset time)
    {
        foreach (var match in _matches)
        {
            if (time >= match.GatesOpenUtc && time <= match.KickOffUtc + TicketBatch.ValidAfterKickOff)
            {
                return match;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public string? CurrentMatch(string gateId) => Venue.Gate(gateId) is null ? null : MatchAt(_time.GetUtcNow())?.Id;

    /// <inheritdoc />
    public bool ServesZone(string gateId, string zoneId) => Venue.Gate(gateId) is { } gate && gate.Zones.Contains(zoneId);
}
