using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Tickets;

public sealed class TicketIssuerTests : IDisposable
{
    private readonly TicketTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void IssueMany_FillsThePlanInOrder_WithUniqueIds()
    {
        var plan = new SeatingPlan(
        [
            new SeatingSection("N-LOWER", "C3", "112", 2, 3),
            new SeatingSection("S-UPPER", "A1", "305", 10, 10),
        ]);

        var tickets = _data.Issuer.IssueMany(TicketTestData.Match, 8, plan, TicketTestData.GatesOpen, TicketTestData.GatesClose);

        Assert.Equal(8, tickets.Count);
        Assert.Equal(
            ["112-1-1", "112-1-2", "112-1-3", "112-2-1", "112-2-2", "112-2-3", "305-1-1", "305-1-2"],
            tickets.Select(t => t.Seat));
        Assert.Equal(["C3", "C3", "C3", "C3", "C3", "C3", "A1", "A1"], tickets.Select(t => t.GateId));
        Assert.Equal(8, tickets.Select(t => t.TicketId).Distinct().Count());
        Assert.All(tickets, t =>
        {
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{12}$", t.TicketId);
            Assert.Equal(TokenError.None, TicketToken.Verify(t.Token!, _data.Keys, out var payload));
            Assert.Equal((t.TicketId, t.ZoneId, t.GateId, t.Seat), (payload!.TicketId, payload.ZoneId, payload.GateId, payload.Seat));
        });
    }

    [Fact]
    public void IssueMany_MoreThanThePlanHolds_Throws()
    {
        var plan = new SeatingPlan([new SeatingSection("N", "C3", "1", 2, 2)]);

        Assert.Equal(4, plan.Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => _data.Issuer.IssueMany(TicketTestData.Match, 5, plan, TicketTestData.GatesOpen, TicketTestData.GatesClose));
    }

    [Fact]
    public void Issue_CutsTheWindowToWholeUtcSeconds()
    {
        var from = new DateTimeOffset(2026, 6, 14, 18, 0, 0, 750, TimeSpan.FromHours(3));

        var ticket = _data.Issuer.Issue("T1", "M", "Z", "G", "", from, from.AddHours(7));

        Assert.Equal((TicketTestData.GatesOpen, TicketTestData.GatesClose, TimeSpan.Zero), (ticket.ValidFrom, ticket.ValidTo, ticket.ValidFrom.Offset));
    }

    [Theory]
    // The character that tells a token from a barcode.
    [InlineData("T.1", "M", "ticket id may not contain '.'")]
    [InlineData("", "M", "ticket id is empty")]
    [InlineData("T1", "", "match is empty")]
    // Control characters would reach CSV files, logs and screens.
    [InlineData("T1", "M\n", "match contains a control character")]
    // Longer than a one-byte length prefix allows for: 33 two-byte characters are 66 bytes.
    [InlineData("T1", "ééééééééééééééééééééééééééééééééé", "match is longer than 64 bytes")]
    public void Issue_BadField_Throws(string ticketId, string match, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => _data.Issuer.Issue(ticketId, match, "Z", "G", "", TicketTestData.GatesOpen, TicketTestData.GatesClose));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_ReversedWindow_Throws() =>
        Assert.Throws<ArgumentException>(() => _data.Issuer.Issue("T1", "M", "Z", "G", "", TicketTestData.GatesClose, TicketTestData.GatesOpen));
}
