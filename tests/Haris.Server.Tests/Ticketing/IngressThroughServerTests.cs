using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Operations.Crowd;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Simulation.Ingress;
using Haris.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests.Ticketing;

/// <summary>The server's clock starts a minute before the gates of m09 open.</summary>
public sealed class IngressFixture : TicketingFixture
{
    protected override TimeSpan AfterGatesOpen => TimeSpan.FromMinutes(-1);
}

/// <summary>
/// A simulated ingress of 60,000 fans at the Dunes Stadium, sent scan by scan through <c>POST /api/v1/scans</c> by 40
/// turnstile connections at once, on the server's clock moved forward ten seconds at a time: what the server answers,
/// stores, counts and raises is what the simulator injected.
/// </summary>
public sealed class IngressThroughServerTests(IngressFixture server) : IClassFixture<IngressFixture>
{
    private const int Fans = 60_000;
    private const int Seed = 2026;
    private const int Turnstiles = 40;
    private static readonly TimeSpan s_slice = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SixtyThousandFans_ThroughTheServer_VerdictsOccupancyRatesAndAlertsMatchTheInjection()
    {
        var clock = Stopwatch.StartNew();
        var output = TestContext.Current.TestOutputHelper!;
        var match = server.Match;
        var venue = server.Tournament.VenueOf(match);
        var issued = IngressSetup.Issue(server.Tournament, match, Fans, Seed, server.Issuer);
        var ingress = new MatchIngress
        {
            Tournament = server.Tournament,
            Match = match,
            Tickets = issued.Tickets,
            OtherMatchTickets = issued.OtherMatchTickets,
            Arrivals = ArrivalCurve.TypicalPreMatch(Fans, match.KickOffUtc),
            PressuredZone = issued.PressuredZone,
        };
        using var scanStream = new MemoryStream();
        using var labelStream = new MemoryStream();
        var expected = IngressSimulator.Run(ingress, new IngressOptions { Seed = Seed }, scanStream, labelStream, Cancel);
        var scans = Lines(scanStream).Select(TurnstileScan.Parse).ToList();
        var labels = Lines(labelStream).Select(IngressLabel.Parse).ToList();
        output.WriteLine($"issued and simulated {scans.Count:N0} scans in {clock.Elapsed.TotalSeconds:F1} s");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Turnstiles };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", server.DunesTurnstileKey);
        using var commander = server.ClientFor(Roles.Commander);

        var verdicts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var inside = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var enteredAt = new ConcurrentQueue<(DateTimeOffset At, string Gate)>();
        var doubleAdmissions = new ConcurrentQueue<string>();
        var rateCheck = match.KickOffUtc - TimeSpan.FromMinutes(30);
        JsonElement? peakCrowd = null;
        DateTimeOffset peakAt = default;

        // Every scan of one token goes to the same connection, in order, so a holder who goes out and back is decided in
        // the order the simulator wrote; the 40 connections run at once.
        foreach (var slice in scans.GroupBy(s => Floor(s.Time, s_slice)))
        {
            if (slice.Key > server.Clock.GetUtcNow())
            {
                if (peakCrowd is null && slice.Key > rateCheck)
                {
                    peakAt = server.Clock.GetUtcNow();
                    peakCrowd = await commander.GetFromJsonAsync<JsonElement>("/api/v1/venues/dunes/crowd", Cancel);
                }

                server.Clock.SetUtcNow(slice.Key);
            }

            var at = server.Clock.GetUtcNow();
            var lanes = slice.GroupBy(s => (s.Token.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % Turnstiles);
            await Task.WhenAll(lanes.Select(async lane =>
            {
                foreach (var scan in lane)
                {
                    var answer = await PostAsync(client, scan.Gate, scan.Token, scan.DirectionName);
                    var reason = answer.GetProperty("reason").GetString()!;
                    verdicts.AddOrUpdate(reason, 1, (_, n) => n + 1);
                    if (reason == "entered")
                    {
                        enteredAt.Enqueue((at, scan.Gate));
                        if (!inside.TryAdd(answer.GetProperty("ticket_id").GetString()!, 0))
                        {
                            doubleAdmissions.Enqueue(answer.GetProperty("ticket_id").GetString()!);
                        }
                    }
                    else if (reason == "exited")
                    {
                        inside.TryRemove(answer.GetProperty("ticket_id").GetString()!, out _);
                    }
                }
            }));
        }

        output.WriteLine($"sent through the server in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (reason, count) in verdicts.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {reason,-16} {count,8:N0}");
        }

        // Every answer is the one the simulator's own validator gave, scan for scan; nobody was let in twice.
        Assert.Equal(expected.Scans, verdicts.Values.Sum());
        Assert.Equal(expected.Entered, verdicts.GetValueOrDefault("entered"));
        Assert.Equal(expected.Exited, verdicts.GetValueOrDefault("exited"));
        Assert.Equal(expected.Counterfeit, verdicts.GetValueOrDefault("counterfeit"));
        Assert.Equal(expected.Duplicate, verdicts.GetValueOrDefault("duplicate"));
        Assert.Equal(expected.WrongGate, verdicts.GetValueOrDefault("wrong_gate"));
        Assert.Equal(expected.WrongMatch, verdicts.GetValueOrDefault("wrong_match"));
        Assert.All(new[] { "counterfeit", "duplicate", "wrong_gate", "wrong_match" }, r => Assert.True(verdicts.GetValueOrDefault(r) > 0, r));
        Assert.Empty(doubleAdmissions);

        // Entry rate half an hour before kick-off: each gate's admissions over the last minute, against its turnstiles.
        Assert.NotNull(peakCrowd);
        foreach (var gate in peakCrowd.Value.GetProperty("gates").EnumerateArray())
        {
            var id = gate.GetProperty("id").GetString()!;
            var admitted = enteredAt.Count(e => e.Gate == id && e.At > peakAt - TimeSpan.FromMinutes(1) && e.At <= peakAt);
            Assert.Equal(admitted, gate.GetProperty("rate_per_minute").GetDouble());
            Assert.Equal(venue.Gate(id)!.Turnstiles * 11, gate.GetProperty("capacity_per_minute").GetDouble());
        }

        Assert.Contains(peakCrowd.Value.GetProperty("gates").EnumerateArray(), g => g.GetProperty("rate_per_minute").GetDouble() > 0);

        // Occupancy is admitted minus exited, everywhere.
        var crowd = await commander.GetFromJsonAsync<JsonElement>("/api/v1/venues/dunes/crowd?match=m09", Cancel);
        Assert.Equal(expected.Entered - expected.Exited, crowd.GetProperty("inner").GetProperty("inside").GetInt64());
        Assert.Equal(inside.Count, crowd.GetProperty("inner").GetProperty("inside").GetInt64());
        Assert.Equal(expected.Entered - expected.Exited, crowd.GetProperty("zones").EnumerateArray().Sum(z => z.GetProperty("inside").GetInt64()));

        // Stored before answered: the database holds every verdict given, and no ticket enters twice in a row in it.
        await using (var db = await server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>().CreateDbContextAsync(Cancel))
        {
            Assert.Equal(expected.Scans, await db.TicketScans.CountAsync(s => s.Match == "m09" || s.Match == null, Cancel));
            var admitted = await db.TicketScans.AsNoTracking().Where(s => s.Match == "m09" && s.Decision == "admit")
                .OrderBy(s => s.Id).Select(s => new { s.TicketId, s.Reason }).ToListAsync(Cancel);
            var state = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var row in admitted)
            {
                var wasInside = state.GetValueOrDefault(row.TicketId!);
                Assert.True(row.Reason == "entered" ? !wasInside : wasInside, $"ticket {row.TicketId} {row.Reason} out of turn");
                state[row.TicketId!] = row.Reason == "entered";
            }
        }

        // The counterfeit wave raised an alert at its gate, within its window, through the same path as cyber alerts.
        var wave = Assert.Single(labels, l => l.Kind == IngressLabelKinds.CounterfeitWave);
        var waveAlerts = await AlertsAsync(commander, CrowdAlertRules.CounterfeitWave.Id);
        Assert.NotEmpty(waveAlerts);
        Assert.All(waveAlerts, a => Assert.Equal(wave.Gate, a.GetProperty("fields").GetProperty(CrowdAlertFields.Gate).GetString()));
        Assert.Contains(waveAlerts, a => a.GetProperty("alert").GetProperty("timestamp").GetDateTimeOffset() is var t && t >= wave.Start && t <= wave.End + TimeSpan.FromMinutes(1));
        Assert.All(waveAlerts, a => Assert.Equal("dunes", a.GetProperty("alert").GetProperty("venue").GetString()));

        // Tickets presented at three gates at the same instant (copies, after everyone has left): one admission each.
        var outside = issued.Tickets.Where(t => !inside.ContainsKey(t.TicketId) && t.ZoneId.StartsWith("north-", StringComparison.Ordinal)).Take(150).ToList();
        string[] gates = ["n1", "n2", "n3"];
        var race = await Task.WhenAll(outside.SelectMany(t => gates.Select(g => PostAsync(client, g, t.Token!, "in"))));
        var raced = race.GroupBy(a => a.GetProperty("ticket_id").GetString()).ToList();
        Assert.Equal(150, raced.Count);
        Assert.All(raced, ticket =>
        {
            Assert.Equal(1, ticket.Count(a => a.GetProperty("reason").GetString() == "entered"));
            Assert.Equal(2, ticket.Count(a => a.GetProperty("reason").GetString() == "duplicate"));
        });

        // The two reasons the simulator does not inject: a revoked ticket, and a ticket out of its window.
        var spare = issued.Tickets.First(t => !inside.ContainsKey(t.TicketId) && !outside.Contains(t));
        var revoke = await commander.PostAsJsonAsync($"/api/v1/tickets/{spare.TicketId}/revoke", new { reason = "refunded" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (await PostAsync(client, spare.GateId, spare.Token!, "in")).GetProperty("reason").GetString());
        var (from, _) = TicketBatch.Window(match);
        var early = server.Issuer.Issue(TicketIssuer.NewTicketId(), match.Id, spare.ZoneId, spare.GateId, "Z-1-1", from, server.Clock.GetUtcNow().AddMinutes(-1));
        Assert.Equal("outside_validity", (await PostAsync(client, early.GateId, early.Token!, "in")).GetProperty("reason").GetString());
        output.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string gate, string token, string direction)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/scans", new { gate, token, direction }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static async Task<List<JsonElement>> AlertsAsync(HttpClient client, string rule)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?rule={Uri.EscapeDataString(rule)}&page_size=500", Cancel);
        var alerts = new List<JsonElement>();
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            alerts.Add(await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts/" + Uri.EscapeDataString(item.GetProperty("id").GetString()!), Cancel));
        }

        return alerts;
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan step) =>
        new(time.UtcTicks / step.Ticks * step.Ticks, TimeSpan.Zero);

    private static IEnumerable<string> Lines(MemoryStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
