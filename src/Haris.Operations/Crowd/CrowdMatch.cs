namespace Haris.Operations.Crowd;

/// <summary>A zone watched for occupancy, with the safe capacity it is measured against.</summary>
/// <param name="Id">The zone's id, as the gates' crossings name it.</param>
/// <param name="SafeCapacity">Its safe capacity (<see cref="Crowd.SafeCapacity.For(long, long, long)"/>).</param>
public sealed record CrowdZone(string Id, long SafeCapacity);

/// <summary>A gate watched for its entry rate, counterfeit tickets and silence.</summary>
/// <param name="Id">The gate's id, as its scans name it.</param>
/// <param name="Turnstiles">Turnstiles in use.</param>
public sealed record CrowdGate(string Id, int Turnstiles);

/// <summary>The plain facts about one match the crowd alerts need: where, when the gates open and kick-off, the zones and the gates.</summary>
/// <param name="VenueId">The venue.</param>
/// <param name="MatchId">The match.</param>
/// <param name="GatesOpen">When the gates open for ingress.</param>
/// <param name="KickOff">Kick-off.</param>
/// <param name="Zones">The zones to watch.</param>
/// <param name="Gates">The gates to watch.</param>
public sealed record CrowdMatch(
    string VenueId,
    string MatchId,
    DateTimeOffset GatesOpen,
    DateTimeOffset KickOff,
    IReadOnlyList<CrowdZone> Zones,
    IReadOnlyList<CrowdGate> Gates);
