using System.Security.Cryptography;

namespace Haris.Operations.Tickets;

/// <summary>Issues signed tickets with the ring's active key.</summary>
public sealed class TicketIssuer
{
    // Crockford's base32 alphabet: no I, L, O or U, so an id read aloud or typed from paper is not misread.
    private const string IdAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The length of a generated ticket id: 60 random bits, so ids never collide in practice.</summary>
    public const int GeneratedIdLength = 12;

    private readonly TicketKeyRing _keys;

    /// <summary>An issuer signing with <paramref name="keys"/>' active key.</summary>
    public TicketIssuer(TicketKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>A new random ticket id: twelve characters of Crockford's base32.</summary>
    public static string NewTicketId() => RandomNumberGenerator.GetString(IdAlphabet, GeneratedIdLength);

    /// <summary>Issues one ticket.</summary>
    /// <remarks>The window is kept in UTC and cut to whole seconds, as the token carries it.</remarks>
    /// <exception cref="ArgumentException">A field breaks the rules in docs/tickets.md.</exception>
    public IssuedTicket Issue(
        string ticketId,
        string matchId,
        string zoneId,
        string gateId,
        string seat,
        DateTimeOffset validFrom,
        DateTimeOffset validTo)
    {
        var ticket = new IssuedTicket(
            ticketId,
            matchId,
            zoneId,
            gateId,
            seat,
            TicketFieldRules.ToWholeSeconds(validFrom),
            TicketFieldRules.ToWholeSeconds(validTo),
            Token: null);
        if (TicketFieldRules.Check(ticket) is { } problem)
        {
            throw new ArgumentException($"Cannot issue ticket '{ticketId}': {problem}.");
        }

        return ticket with { Token = _keys.Sign(ticket) };
    }

    /// <summary>Issues <paramref name="count"/> tickets for the first seats of <paramref name="plan"/>, with new random ids.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The plan has fewer seats than <paramref name="count"/>.</exception>
    public IReadOnlyList<IssuedTicket> IssueMany(
        string matchId,
        int count,
        SeatingPlan plan,
        DateTimeOffset validFrom,
        DateTimeOffset validTo)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, plan.Capacity);
        var tickets = new List<IssuedTicket>(count);
        var ids = new HashSet<string>(count, StringComparer.Ordinal);
        foreach (var (zoneId, gateId, seat) in plan.Seats())
        {
            if (tickets.Count == count)
            {
                break;
            }

            string id;
            do
            {
                id = NewTicketId();
            }
            while (!ids.Add(id));

            tickets.Add(Issue(id, matchId, zoneId, gateId, seat, validFrom, validTo));
        }

        return tickets;
    }
}
