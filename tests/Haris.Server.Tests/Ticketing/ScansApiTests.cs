using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Operations.Crowd;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests.Ticketing;

/// <summary>Every verdict a turnstile can get through <c>POST /api/v1/scans</c>, and what the operations room sees of them.</summary>
public sealed class ScansApiTests(TicketingFixture server) : IClassFixture<TicketingFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IssuedTicket Ticket(string zone = "north-lower", string gate = "n1", string? match = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var m = server.Tournament.Match(match ?? TicketingFixture.MatchId)!;
        var (validFrom, validTo) = TicketBatch.Window(m);
        return server.Issuer.Issue(TicketIssuer.NewTicketId(), m.Id, zone, gate, "A-1-1", from ?? validFrom, to ?? validTo);
    }

    private async Task<JsonElement> ScanAsync(string gate, string token, string direction = "in", string? key = null)
    {
        using var client = server.ClientWithKey(key ?? server.DunesTurnstileKey);
        var response = await client.PostAsJsonAsync("/api/v1/scans", new { gate, token, direction }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static void AssertVerdict(JsonElement answer, string verdict, string reason)
    {
        Assert.Equal(verdict, answer.GetProperty("verdict").GetString());
        Assert.Equal(reason, answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Scan_GenuineTicket_AdmitsOnceAcrossGates_ThenOutAndInAgain()
    {
        var ticket = Ticket();

        var first = await ScanAsync("n1", ticket.Token!);
        var again = await ScanAsync("n2", ticket.Token!);
        var leave = await ScanAsync("s1", ticket.Token!, "out");
        var leaveTwice = await ScanAsync("n1", ticket.Token!, "out");
        var back = await ScanAsync("n3", ticket.Token!);

        AssertVerdict(first, "admit", "entered");
        Assert.Equal(ticket.TicketId, first.GetProperty("ticket_id").GetString());
        Assert.Equal("m09", first.GetProperty("match").GetString());
        AssertVerdict(again, "reject", "duplicate");
        AssertVerdict(leave, "admit", "exited");
        AssertVerdict(leaveTwice, "reject", "duplicate");
        AssertVerdict(back, "admit", "entered");
    }

    [Fact]
    public async Task Scan_EachRefusal_GivesItsReason()
    {
        var genuine = Ticket();
        var forged = genuine.Token![..^3] + (genuine.Token[^3] == 'A' ? "BBB" : "AAA");
        var otherMatch = Ticket(zone: "north-lower", gate: "n1", match: "m01");
        var expired = Ticket(from: server.Match.GatesOpenUtc, to: server.Clock.GetUtcNow().AddMinutes(-5));
        var wrongGate = Ticket(zone: "west-upper", gate: "w2");

        AssertVerdict(await ScanAsync("n1", forged), "reject", "counterfeit");
        AssertVerdict(await ScanAsync("n1", "NOT-A-TICKET"), "reject", "counterfeit");
        AssertVerdict(await ScanAsync("n1", ""), "reject", "counterfeit");
        var match = await ScanAsync("n1", otherMatch.Token!);
        AssertVerdict(match, "reject", "wrong_match");
        AssertVerdict(await ScanAsync("n1", expired.Token!), "reject", "outside_validity");
        var redirect = await ScanAsync("n1", wrongGate.Token!);
        AssertVerdict(redirect, "reject", "wrong_gate");
        Assert.Equal("w2", redirect.GetProperty("redirect_gate").GetString());

        // Another gate of the same stand admits it: the gates of one stand stand in for each other.
        AssertVerdict(await ScanAsync("w1", wrongGate.Token!), "admit", "entered");
    }

    [Fact]
    public async Task Revoke_ThenScan_RejectsAsRevoked_ReinstateAdmits()
    {
        var ticket = Ticket(zone: "east-lower", gate: "e1");
        using var operatorClient = server.ClientFor(Roles.Operator);
        using var commander = server.ClientFor(Roles.Commander);

        var revoke = await operatorClient.PostAsJsonAsync($"/api/v1/tickets/{ticket.TicketId}/revoke", new { reason = "reported stolen" }, Cancel);
        var revokeAgain = await operatorClient.PostAsJsonAsync($"/api/v1/tickets/{ticket.TicketId}/revoke", new { reason = "twice" }, Cancel);
        var refused = await ScanAsync("e1", ticket.Token!);
        var operatorReinstate = await operatorClient.PostAsync($"/api/v1/tickets/{ticket.TicketId}/reinstate", null, Cancel);
        var reinstate = await commander.PostAsync($"/api/v1/tickets/{ticket.TicketId}/reinstate", null, Cancel);
        var admitted = await ScanAsync("e1", ticket.Token!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, revokeAgain.StatusCode);
        AssertVerdict(refused, "reject", "revoked");
        Assert.Equal(HttpStatusCode.Forbidden, operatorReinstate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        AssertVerdict(admitted, "admit", "entered");
    }

    [Fact]
    public async Task Scan_IsStoredBeforeTheAnswer_AndListedForTheOperationsRoom()
    {
        var ticket = Ticket(zone: "south-lower", gate: "s2");

        var answer = await ScanAsync("s2", ticket.Token!);

        var id = answer.GetProperty("scan_id").GetInt64();
        await using (var db = await server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>().CreateDbContextAsync(Cancel))
        {
            var row = await db.TicketScans.SingleAsync(s => s.Id == id, Cancel);
            Assert.Equal(("dunes", "m09", "s2", "in", "admit", "entered", ticket.TicketId, "south-lower", "api-key:turnstiles-dunes"),
                (row.Venue, row.Match, row.Gate, row.Direction, row.Decision, row.Reason, row.TicketId, row.Zone, row.Sensor));
        }

        using var operatorClient = server.ClientFor(Roles.Operator);
        var listed = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/scans?venue=dunes&gate=s2&reason=entered", Cancel);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        Assert.All(listed.GetProperty("items").EnumerateArray(), s => Assert.Equal("s2", s.GetProperty("gate").GetString()));
    }

    [Fact]
    public async Task Scan_SameTicketsAtFourGatesAtOnce_EachAdmittedExactlyOnce()
    {
        var tickets = Enumerable.Range(0, 60).Select(_ => Ticket(zone: "west-lower", gate: "w1")).ToList();
        string[] gates = ["w1", "w2", "w3", "w1"];

        var answers = await Task.WhenAll(tickets.SelectMany(t => gates.Select(g => ScanAsync(g, t.Token!))));

        var byTicket = answers.GroupBy(a => a.GetProperty("ticket_id").GetString()).ToList();
        Assert.Equal(60, byTicket.Count);
        Assert.All(byTicket, g =>
        {
            Assert.Equal(1, g.Count(a => a.GetProperty("verdict").GetString() == "admit"));
            Assert.Equal(3, g.Count(a => a.GetProperty("reason").GetString() == "duplicate"));
        });
    }

    [Fact]
    public async Task Scan_BadRequestsAndOtherVenues_AreRefusedWithAClearProblem()
    {
        var ticket = Ticket();
        using var dunes = server.ClientWithKey(server.DunesTurnstileKey);
        using var oryx = server.ClientWithKey(server.OryxTurnstileKey);
        using var unscoped = server.ClientFor(Roles.Sensor);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var otherVenue = await oryx.PostAsJsonAsync("/api/v1/scans", new { gate = "n1", token = ticket.Token, venue = "dunes" }, Cancel);
        var noGate = await dunes.PostAsJsonAsync("/api/v1/scans", new { gate = "zz9", token = ticket.Token }, Cancel);
        var badDirection = await dunes.PostAsJsonAsync("/api/v1/scans", new { gate = "n1", token = ticket.Token, direction = "sideways" }, Cancel);
        var noToken = await dunes.PostAsJsonAsync("/api/v1/scans", new { gate = "n1" }, Cancel);
        var noVenue = await unscoped.PostAsJsonAsync("/api/v1/scans", new { gate = "n1", token = ticket.Token }, Cancel);
        var notASensor = await analyst.PostAsJsonAsync("/api/v1/scans", new { gate = "n1", token = ticket.Token }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, otherVenue.StatusCode);
        await AssertProblem(noGate, HttpStatusCode.BadRequest, "no gate 'zz9' at dunes");
        await AssertProblem(badDirection, HttpStatusCode.BadRequest, "direction must be 'in' or 'out'");
        await AssertProblem(noToken, HttpStatusCode.BadRequest, "token is required");
        await AssertProblem(noVenue, HttpStatusCode.BadRequest, "venue is required");
        Assert.Equal(HttpStatusCode.Forbidden, notASensor.StatusCode);

        // None of them was decided: the ticket still enters.
        AssertVerdict(await ScanAsync("n1", ticket.Token!), "admit", "entered");
    }

    [Fact]
    public async Task Import_BarcodeList_AdmitsItsBarcodes_BadListStoresNothing()
    {
        var (from, to) = TicketBatch.Window(server.Match);
        var id = "BC" + TicketIssuer.NewTicketId();
        var csv = new StringWriter();
        TicketCsv.Write(csv, [new IssuedTicket(id, "m09", "east-upper", "e2", "U-4-17", from, to, null)]);
        var bad = csv.ToString().Replace("east-upper", "no-such-stand", StringComparison.Ordinal).Replace(id, id + "X", StringComparison.Ordinal);
        using var commander = server.ClientFor(Roles.Commander);

        var refused = await commander.PostAsync("/api/v1/tickets/import", new StringContent(bad, Encoding.UTF8, "text/csv"), Cancel);
        var rejectedBarcode = await ScanAsync("e2", id + "X");
        var imported = await commander.PostAsync("/api/v1/tickets/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), Cancel);
        var admitted = await ScanAsync("e2", id);

        await AssertProblem(refused, HttpStatusCode.BadRequest, "no zone 'no-such-stand' at dunes");
        AssertVerdict(rejectedBarcode, "reject", "counterfeit");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, (await imported.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("imported").GetInt32());
        AssertVerdict(admitted, "admit", "entered");
    }

    [Fact]
    public async Task Crowd_CountsAdmittedMinusExited_PerZoneAndGate()
    {
        var tickets = Enumerable.Range(0, 5).Select(_ => Ticket(zone: "hospitality", gate: "h1")).ToList();
        foreach (var ticket in tickets)
        {
            AssertVerdict(await ScanAsync("h1", ticket.Token!), "admit", "entered");
        }

        AssertVerdict(await ScanAsync("h1", tickets[0].Token!, "out"), "admit", "exited");
        AssertVerdict(await ScanAsync("h1", "FORGED-BARCODE"), "reject", "counterfeit");
        using var commander = server.ClientFor(Roles.Commander);

        var crowd = await commander.GetFromJsonAsync<JsonElement>("/api/v1/venues/dunes/crowd", Cancel);

        Assert.Equal("m09", crowd.GetProperty("match").GetString());
        var zone = crowd.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("id").GetString() == "hospitality");
        Assert.Equal((4, 5, 1), (zone.GetProperty("inside").GetInt64(), zone.GetProperty("admitted").GetInt64(), zone.GetProperty("exited").GetInt64()));
        var gate = crowd.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "h1");
        Assert.Equal(88, gate.GetProperty("capacity_per_minute").GetDouble());
        Assert.Equal(5, gate.GetProperty("verdicts").GetProperty("entered").GetInt64());
        Assert.Equal(1, gate.GetProperty("verdicts").GetProperty("counterfeit").GetInt64());
        Assert.Equal(server.Clock.GetUtcNow(), gate.GetProperty("last_scan").GetDateTimeOffset());

        // Queues are forecast for the spectator gates only, from a sold-out house arriving along the typical curve.
        Assert.Equal(JsonValueKind.Null, gate.GetProperty("forecast").ValueKind);
        var venue = server.Tournament.Venue("dunes")!;
        var expected = IngressForecaster.Forecast(IngressScenarioBuilder.Build(venue, server.Match, venue.Capacity)).Stage("n1");
        var now = expected.Samples.First(s => s.At >= server.Clock.GetUtcNow());
        var n1 = crowd.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "n1").GetProperty("forecast");
        Assert.Equal(Math.Round(now.Queue), n1.GetProperty("queue_now").GetDouble());
        Assert.Equal(Math.Round(expected.PeakQueue), n1.GetProperty("peak_queue").GetDouble());
        Assert.Equal(expected.WaitExceededAt, n1.GetProperty("wait_over15_minutes_at").ValueKind == JsonValueKind.Null ? null : n1.GetProperty("wait_over15_minutes_at").GetDateTimeOffset());
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Contains(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
