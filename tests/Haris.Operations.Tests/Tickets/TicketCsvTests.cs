using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Tickets;

public sealed class TicketCsvTests : IDisposable
{
    private const string Header = "ticket_id,match,zone,gate,seat,valid_from,valid_to,token";

    private readonly TicketTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void WriteThenRead_IssuedAndImportedTickets_RoundTrip()
    {
        var plan = new SeatingPlan([new SeatingSection(TicketTestData.Zone, TicketTestData.Gate, "112", 3, 4)]);
        var tickets = new List<IssuedTicket>(_data.Issuer.IssueMany(TicketTestData.Match, 10, plan, TicketTestData.GatesOpen, TicketTestData.GatesClose))
        {
            // Fields that need quoting, and a barcode-only ticket with no token.
            new("LEGACY-0001", TicketTestData.Match, "Tribune \"Nord\", bas", TicketTestData.Gate, " 12 ", TicketTestData.GatesOpen, TicketTestData.GatesClose, null),
        };

        var written = new StringWriter();
        TicketCsv.Write(written, tickets);
        var result = TicketCsv.Read(new StringReader(written.ToString()), _data.Keys);

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        Assert.Equal(tickets, result.Tickets);
        Assert.StartsWith(Header + "\r\n", written.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TimesAreIsoUtc()
    {
        var local = new DateTimeOffset(2026, 6, 14, 18, 0, 0, TimeSpan.FromHours(3));
        var writer = new StringWriter();

        TicketCsv.Write(writer, [new IssuedTicket("T1", "M", "Z", "G", "", local, local.AddHours(6), null)]);

        Assert.Equal($"{Header}\r\nT1,M,Z,G,,2026-06-14T15:00:00Z,2026-06-14T21:00:00Z,\r\n", writer.ToString());
    }

    // A list from another ticketing system: barcodes only, columns in its own order, offsets instead of Z.
    [Fact]
    public void Read_BarcodesOnlyInAnotherOrder_ImportsIntoTheRegistry()
    {
        const string csv = """
            match,ticket_id,gate,zone,valid_from,valid_to
            WC26-M064,4006381333931,C3,N-LOWER,2026-06-14T18:00:00+03:00,2026-06-15T01:00:00+03:00

            WC26-M064,4006381333948,C3,N-LOWER,2026-06-14T15:00:00.000Z,2026-06-14T22:00:00Z
            """;

        var result = TicketCsv.Read(new StringReader(csv));

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Tickets.Count);
        Assert.All(result.Tickets, t => Assert.Equal((TicketTestData.GatesOpen, TicketTestData.GatesClose, "", (string?)null), (t.ValidFrom, t.ValidTo, t.Seat, t.Token)));
        Assert.Empty(_data.Registry.AddRange(result.Tickets));
        Assert.Equal(ScanReason.Entered, _data.Scan("4006381333948").Reason);
    }

    [Fact]
    public void Read_BadLines_ReportsEachWithItsLineNumber_AndKeepsTheGoodOnes()
    {
        var good = _data.Issue("GOOD1");
        var edited = _data.Issue("EDIT1");
        string[] lines =
        [
            Header,
            Row(good),
            "BAD1,WC26-M064,N-LOWER,C3,,2026-06-14,2026-06-14T22:00:00Z,",
            "BAD2,WC26-M064,N-LOWER,C3,,2026-06-14T15:00:00,2026-06-14T22:00:00Z,",
            "BAD3,WC26-M064,N-LOWER,C3,,2026-06-14T22:00:00Z,2026-06-14T15:00:00Z,",
            ",WC26-M064,N-LOWER,C3,,2026-06-14T15:00:00Z,2026-06-14T22:00:00Z,",
            "BAD.5,WC26-M064,N-LOWER,C3,,2026-06-14T15:00:00Z,2026-06-14T22:00:00Z,",
            "BAD6,WC26-M064,N-LOWER,C3",
            "\"BAD7,WC26-M064,N-LOWER,C3,,2026-06-14T15:00:00Z,2026-06-14T22:00:00Z,",
            Row(good),
            Row(edited with { GateId = "A1" }),
            Row(good with { TicketId = "BAD12" }),
            "BAD13,WC26-M064,N-LOWER,C3,,2026-06-14T15:00:00Z,2026-06-14T22:00:00Z,not-a-token",
            Row(edited).Replace(edited.Token!, edited.Token![..^4] + "AAAA", StringComparison.Ordinal),
        ];

        var result = TicketCsv.Read(new StringReader(string.Join("\n", lines)), _data.Keys);

        Assert.Equal([good.TicketId], result.Tickets.Select(t => t.TicketId));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], result.Errors.Select(e => e.Line));
        Assert.Contains("valid_from '2026-06-14' is not an ISO 8601 time", result.Errors[0].Message, StringComparison.Ordinal);
        // No offset: which local time would it be?
        Assert.Contains("valid_from '2026-06-14T15:00:00' is not an ISO 8601 time with an offset", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal("valid_to is before valid_from", result.Errors[2].Message);
        Assert.Equal("ticket id is empty", result.Errors[3].Message);
        Assert.Equal("ticket id may not contain '.'", result.Errors[4].Message);
        Assert.Equal("4 columns where the header has 8", result.Errors[5].Message);
        Assert.Contains("quoted field is not closed", result.Errors[6].Message, StringComparison.Ordinal);
        Assert.Equal("line 10: ticket_id 'GOOD1' is already on line 2", result.Errors[7].ToString());
        Assert.Equal("token says gate 'C3' but the column says 'A1'", result.Errors[8].Message);
        Assert.Equal("token says ticket_id 'GOOD1' but the column says 'BAD12'", result.Errors[9].Message);
        Assert.Equal("token is not a ticket token", result.Errors[10].Message);
        Assert.Equal("token signature does not verify", result.Errors[11].Message);
    }

    [Fact]
    public void Read_WithKeys_TokenOfRetiredKey_IsReported()
    {
        var old = _data.Issue("OLD1");
        _data.Keys.Rotate("k2");
        _data.Keys.Retire("k1");

        var csv = Header + "\n" + Row(old);

        Assert.Empty(TicketCsv.Read(new StringReader(csv)).Errors);
        var error = Assert.Single(TicketCsv.Read(new StringReader(csv), _data.Keys).Errors);
        Assert.Equal(new TicketCsvError(2, "token is signed with a key that is not in the ring (unknown or retired)"), error);
    }

    [Fact]
    public void Read_EmptyFile_IsLineOne() =>
        Assert.Equal(new TicketCsvError(1, "the file is empty; expected a header: ticket_id,match,zone,gate,seat,valid_from,valid_to,token"), Assert.Single(TicketCsv.Read(new StringReader("")).Errors));

    [Theory]
    // Rows without a header: which column is which?
    [InlineData("", "the first line is blank")]
    // A typo must not silently drop a column.
    [InlineData("ticket_id,match,zone,gate,valid_from,valid_to,tokne", "unknown column 'tokne'")]
    [InlineData("ticket_id,match,zone,valid_from,valid_to", "column 'gate' is missing")]
    [InlineData("ticket_id,match,zone,gate,gate,valid_from,valid_to", "column 'gate' appears twice")]
    public void Read_BadHeader_IsLineOne(string header, string expected)
    {
        var result = TicketCsv.Read(new StringReader(header + "\nT1,M,Z,G,2026-06-14T15:00:00Z,2026-06-14T22:00:00Z"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Tickets);
    }

    [Fact]
    public void Read_ByteOrderMarkAndUpperCaseHeader_AreAccepted()
    {
        var result = TicketCsv.Read(new StringReader("\uFEFFTICKET_ID,Match,Zone,Gate,Valid_From,Valid_To\nT1,M,Z,G,2026-06-14T15:00:00Z,2026-06-14T22:00:00Z\n"));

        Assert.Empty(result.Errors);
        Assert.Equal("T1", Assert.Single(result.Tickets).TicketId);
    }

    private static string Row(IssuedTicket ticket)
    {
        var writer = new StringWriter();
        TicketCsv.Write(writer, [ticket]);
        return writer.ToString().Split("\r\n")[1];
    }
}
