using System.Text;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Planning;

/// <summary>Issues a match's tickets seat by seat from zone quotas, reproducibly from a seed.</summary>
/// <remarks>
/// The seed decides which seats are sold (scattered over each zone, as sales leave them) and the ticket ids, so the
/// same seed, plan and quotas give the same tickets. The ids are therefore not secret: a ticket is only ever admitted
/// by its signed token, and its bare id is counterfeit at the turnstile. The signature part of each token still
/// differs from one run to the next, because ECDSA signatures are randomised.
/// </remarks>
public static class TicketBatch
{
    // Crockford's base32, as TicketIssuer.NewTicketId writes ids: no I, L, O or U.
    private const string IdAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>How long after kick-off a ticket still admits: extra time, penalties, then re-entry during egress.</summary>
    /// <remarks>Two matches at a venue are at least this far apart (docs/tournament.md), so windows of one venue never overlap.</remarks>
    public static TimeSpan ValidAfterKickOff { get; } = TimeSpan.FromHours(4);

    /// <summary>The seed used when none is given: FNV-1a over the match id's UTF-8 bytes, the same on every machine.</summary>
    public static int DefaultSeed(string matchId)
    {
        ArgumentNullException.ThrowIfNull(matchId);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(matchId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return unchecked((int)hash);
    }

    /// <summary>The window a ticket of <paramref name="match"/> admits in: from gates-open to <see cref="ValidAfterKickOff"/> after kick-off, UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return (match.GatesOpenUtc, match.KickOffUtc + ValidAfterKickOff);
    }

    /// <summary>Issues each zone's quota of tickets for <paramref name="match"/> on seats of <paramref name="plan"/>, zone by zone in seat order.</summary>
    /// <exception cref="ArgumentException">A quota names a zone the plan lacks or wants more seats than the zone has.</exception>
    public static IReadOnlyList<IssuedTicket> Issue(
        TicketIssuer issuer, Match match, SeatingPlan plan, IReadOnlyList<ZoneQuota> quotas, int seed)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(quotas);
        var (from, to) = Window(match);
        var rng = new Random(seed);
        var tickets = new List<IssuedTicket>(quotas.Sum(q => q.Tickets));
        var ids = new HashSet<string>(tickets.Capacity, StringComparer.Ordinal);
        foreach (var quota in quotas)
        {
            var zone = new SeatingPlan(plan.Sections.Where(s => s.ZoneId == quota.ZoneId));
            var seats = Math.Min(zone.Capacity, quota.Seats);
            if (quota.Tickets < 0 || quota.Tickets > seats)
            {
                throw new ArgumentException($"zone '{quota.ZoneId}' has {seats} seats in the plan; cannot issue {quota.Tickets}", nameof(quotas));
            }

            // Selection sampling (Knuth, TAOCP vol. 2, algorithm S): each seat is taken with the chance of the tickets
            // still to place over the seats still to see, which takes exactly the quota, uniformly, in one pass.
            var needed = quota.Tickets;
            var left = seats;
            foreach (var (zoneId, gateId, seat) in zone.Seats())
            {
                if (needed == 0)
                {
                    break;
                }

                if (rng.Next(left--) < needed)
                {
                    tickets.Add(issuer.Issue(NewId(rng, ids), match.Id, zoneId, gateId, seat, from, to));
                    needed--;
                }
            }
        }

        return tickets;
    }

    private static string NewId(Random rng, HashSet<string> taken)
    {
        while (true)
        {
            var id = string.Create(TicketIssuer.GeneratedIdLength, rng, static (span, r) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = IdAlphabet[r.Next(IdAlphabet.Length)];
                }
            });
            if (taken.Add(id))
            {
                return id;
            }
        }
    }
}
