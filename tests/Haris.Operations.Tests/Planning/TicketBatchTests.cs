using Haris.Operations.Planning;
using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Planning;

public sealed class TicketBatchTests : IDisposable
{
    private readonly TicketKeyRing _keys = TicketKeyRing.Generate("k1");

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void Issue_SameSeed_SameTickets_ButEachSignatureItsOwn()
    {
        var first = Issue(2_000, 42);
        var second = Issue(2_000, 42);

        Assert.Equal(first.Select(t => t with { Token = null }), second.Select(t => t with { Token = null }));

        // ECDSA signatures are randomised: same payload, other signature.
        Assert.Equal(Payload(first[0].Token!), Payload(second[0].Token!));
        Assert.NotEqual(first[0].Token, second[0].Token);
    }

    [Fact]
    public void Issue_AnotherSeed_OtherIdsAndSeats()
    {
        var first = Issue(2_000, 42);
        var second = Issue(2_000, 43);

        Assert.Empty(first.Select(t => t.TicketId).Intersect(second.Select(t => t.TicketId)));
        Assert.NotEqual(first.Select(t => t.Seat), second.Select(t => t.Seat));
    }

    [Fact]
    public void Issue_EachTicketOnItsOwnSeat_InItsZone_AtTheBlocksGate_ForTheMatchWindow()
    {
        var (venue, match) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);

        var tickets = Issue(10_000, 7);

        var seats = plan.Seats().ToDictionary(s => s.Seat, s => (s.ZoneId, s.GateId));
        Assert.Equal(10_000, tickets.Count);
        Assert.Equal(tickets.Count, tickets.Select(t => t.Seat).Distinct().Count());
        Assert.Equal(tickets.Count, tickets.Select(t => t.TicketId).Distinct().Count());
        Assert.All(tickets, t => Assert.Equal(seats[t.Seat], (t.ZoneId, t.GateId)));
        Assert.All(tickets, t => Assert.Equal((match.Id, match.GatesOpenUtc, match.KickOffUtc.AddHours(4)), (t.MatchId, t.ValidFrom, t.ValidTo)));
        Assert.All(tickets, t => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{12}$", t.TicketId));
        Assert.All(tickets, t => Assert.Equal(TokenError.None, TicketToken.Verify(t.Token!, _keys, out _)));
    }

    [Fact]
    public void Issue_SeatsAreScatteredOverTheWholeStand()
    {
        // A zone sold to a tenth is not its first rows: sales leave seats everywhere.
        var tickets = Issue(8_300, 7);

        var blocks = tickets.Where(t => t.ZoneId == "north-lower").Select(t => t.Seat.Split('-')[0]).Distinct().Count();
        Assert.Equal(12, blocks);
    }

    [Fact]
    public void DefaultSeed_IsTheSameOnEveryMachine()
    {
        // FNV-1a of "m09", pinned: a seed that changed between versions would change the tickets of `tickets issue`.
        Assert.Equal(0x1317C2B3, TicketBatch.DefaultSeed("m09"));
        Assert.NotEqual(TicketBatch.DefaultSeed("m09"), TicketBatch.DefaultSeed("m10"));
    }

    [Fact]
    public void Issue_QuotaAboveTheZonesSeats_Throws()
    {
        var (venue, match) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);

        Assert.Throws<ArgumentException>(() => TicketBatch.Issue(new TicketIssuer(_keys), match, plan, [new ZoneQuota("north-lower", 9_300, 9_301)], 1));
    }

    private List<IssuedTicket> Issue(int count, int seed)
    {
        var (venue, match) = SampleTournament.Dunes;
        var plan = SeatingPlanBuilder.Build(venue);
        return [.. TicketBatch.Issue(new TicketIssuer(_keys), match, plan, TicketAllocation.Spread(venue, plan, count), seed)];
    }

    private TicketPayload Payload(string token)
    {
        Assert.Equal(TokenError.None, TicketToken.Verify(token, _keys, out var payload));
        return payload!;
    }
}
