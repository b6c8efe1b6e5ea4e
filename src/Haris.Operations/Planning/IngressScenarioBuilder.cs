using Haris.Operations.Crowd;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>
/// Builds the ingress a venue should expect for a match, for the queue forecast: its spectator gates as queue stages,
/// and the fans arriving at each along the typical pre-match curve.
/// </summary>
public static class IngressScenarioBuilder
{
    /// <summary>
    /// <paramref name="fans"/> spectators of <paramref name="match"/> at <paramref name="venue"/>, shared among the
    /// spectator gates in proportion to their turnstiles (how tickets are allotted to gates), each arriving along
    /// <see cref="ArrivalCurve.TypicalPreMatch"/>; the forecast starts when the gates open.
    /// </summary>
    /// <remarks>
    /// The outer perimeter's check points are left out: the Green Guide gives no rate for a search lane, and a venue
    /// that has measured one at its rehearsals can add them to the scenario itself.
    /// </remarks>
    public static IngressScenario Build(Venue venue, Match match, long fans)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfNegative(fans);
        var gates = CrowdMatchBuilder.SpectatorGates(venue);
        var turnstiles = gates.Sum(g => (long)g.Turnstiles);
        return new IngressScenario(
            match.GatesOpenUtc,
            match.KickOffUtc,
            [.. gates.Select(g => QueueStage.Gate(g.Id, g.Turnstiles))],
            [.. gates.Select(g => new ArrivalStream(g.Id, [g.Id], ArrivalCurve.TypicalPreMatch(turnstiles == 0 ? 0 : (double)fans * g.Turnstiles / turnstiles, match.KickOffUtc)))]);
    }
}
