using System.Globalization;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Server.Pipeline;
using Haris.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Haris.Server.Tests.Field.FieldRequests;

namespace Haris.Server.Tests.Field;

// Each test moves units of its own venue, so the tests sharing this server never hold one another's units.
public sealed class UnitDispatchTests(FieldServerFixture server) : IClassFixture<FieldServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DispatchArriveRelease_MovesTheUnitAndPutsEachMoveOnTheTimelineWithActorAndUnit()
    {
        using var steward = server.ClientFor(Roles.Steward);
        using var op = server.ClientFor(Roles.Operator);
        var id = await ReportAsync(steward, "medical", zone: "west-lower");
        var updates = new List<LiveUpdate>();
        using var subscription = server.App.Services.GetRequiredService<LiveFeed>().Subscribe(u =>
        {
            lock (updates)
            {
                updates.Add(u);
            }
        });

        var (dispatched, afterDispatch) = await op.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "dunes-medical" });
        var (_, whileDispatched) = await op.GetJsonAsync("/api/v1/units?venue=dunes&status=dispatched");
        var (arrived, onScene) = await op.PostJsonAsync("/api/v1/units/dunes-medical/arrived", null);
        var (released, available) = await op.PostJsonAsync("/api/v1/units/dunes-medical/release", null);
        var incident = await IncidentAsync(op, id);

        Assert.Equal([200, 200, 200], new[] { dispatched, arrived, released });
        var atIncident = Assert.Single(afterDispatch.GetProperty("units").EnumerateArray());
        Assert.Equal("dunes-medical", atIncident.GetProperty("unit").GetString());
        Assert.Equal("dispatched", atIncident.GetProperty("status").GetString());
        var listed = Assert.Single(whileDispatched.EnumerateArray());
        Assert.Equal(id, listed.GetProperty("incident").GetInt64());
        Assert.Equal("on_scene", onScene.GetProperty("status").GetString());
        Assert.Equal("available", available.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, available.GetProperty("incident").ValueKind);
        Assert.Empty(incident.GetProperty("units").EnumerateArray());

        var moves = incident.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString()!.StartsWith("unit_", StringComparison.Ordinal)).ToList();
        Assert.Equal(["unit_dispatched", "unit_arrived", "unit_released"], moves.Select(m => m.GetProperty("kind").GetString()));
        Assert.All(moves, m =>
        {
            Assert.Equal("api-key:test-operator", m.GetProperty("actor").GetString());
            Assert.Equal("dunes-medical", m.GetProperty("data").GetProperty("unit").GetString());
        });
        Assert.Equal(["available", "dispatched", "on_scene"], moves.Select(m => m.GetProperty("data").GetProperty("from").GetString()));

        Assert.Equal(["incident.dispatch_unit", "incident.unit_arrived", "incident.release_unit"], (await AuditActionsAsync(id)).Where(a => a.Contains("unit", StringComparison.Ordinal)));
        lock (updates)
        {
            Assert.Equal(3, updates.Count(u => u.Kind == "unit" && u.Id == "dunes-medical" && u.Venue == "dunes"));
            Assert.Equal(3, updates.Count(u => u.Kind == "incident" && u.Id == id.ToString(CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task Dispatch_UnitAlreadyBusy_Is409NamingWhereItIs_AndMovesOutOfOrderAre409()
    {
        using var op = server.ClientFor(Roles.Operator);
        var first = await ReportAsync(op, "fight", venue: "oryx");
        var second = await ReportAsync(op, "fight", venue: "oryx");

        var (arrivedEarly, _) = await op.PostJsonAsync("/api/v1/units/oryx-police/arrived", null);
        var (releasedEarly, _) = await op.PostJsonAsync("/api/v1/units/oryx-police/release", null);
        var (sent, _) = await op.PostJsonAsync($"/api/v1/incidents/{first}/dispatch", new { unit = "oryx-police" });
        var (sentAgain, busy) = await op.PostJsonAsync($"/api/v1/incidents/{second}/dispatch", new { unit = "oryx-police" });
        var (unknown, _) = await op.PostJsonAsync($"/api/v1/incidents/{second}/dispatch", new { unit = "oryx-cavalry" });

        Assert.Equal([409, 409, 200, 409, 404], new[] { arrivedEarly, releasedEarly, sent, sentAgain, unknown });
        Assert.Contains($"dispatched at incident {first}", busy.Detail(), StringComparison.Ordinal);
        Assert.Empty(Lines(await IncidentAsync(op, second), "unit_dispatched"));
    }

    [Theory]
    // The unit's first move inserts its row: the race is on the key.
    [InlineData("palm-grove-medical", false)]
    // A unit released before has a row: the race is on its version.
    [InlineData("palm-grove-fire", true)]
    public async Task ConcurrentDispatch_OfOneUnitToSeveralIncidents_ExactlyOneSucceeds(string unit, bool movedBefore)
    {
        using var op = server.ClientFor(Roles.Operator);
        using var commander = server.ClientFor(Roles.Commander);
        if (movedBefore)
        {
            var earlier = await ReportAsync(op, "fire", venue: "palm-grove");
            Assert.Equal(200, (await op.PostJsonAsync($"/api/v1/incidents/{earlier}/dispatch", new { unit })).Status);
            Assert.Equal(200, (await op.PostJsonAsync($"/api/v1/units/{unit}/release", null)).Status);
        }

        // Several rounds, so the requests really overlap between reading the unit and saving it in some of them.
        for (var round = 0; round < 5; round++)
        {
            var incidents = new List<long>();
            for (var i = 0; i < 4; i++)
            {
                incidents.Add(await ReportAsync(op, "fire", venue: "palm-grove"));
            }

            var answers = await Task.WhenAll(incidents.Select((incident, i) =>
                (i % 2 == 0 ? op : commander).PostJsonAsync($"/api/v1/incidents/{incident}/dispatch", new { unit })));

            Assert.Equal(1, answers.Count(a => a.Status == 200));
            Assert.Equal(incidents.Count - 1, answers.Count(a => a.Status == 409));
            var winner = incidents[Array.FindIndex(answers, a => a.Status == 200)];
            var (_, state) = await op.GetJsonAsync($"/api/v1/units/{unit}");
            Assert.Equal(winner, state.GetProperty("incident").GetInt64());
            var lines = 0;
            foreach (var incident in incidents)
            {
                lines += Lines(await IncidentAsync(op, incident), "unit_dispatched").Count;
            }

            Assert.Equal(1, lines);
            Assert.Equal(200, (await op.PostJsonAsync($"/api/v1/units/{unit}/release", null)).Status);
        }
    }

    [Fact]
    public async Task Resolve_ReleasesTheIncidentsUnits_AndAResolvedIncidentTakesNoMore()
    {
        using var op = server.ClientFor(Roles.Operator);
        var id = await ReportAsync(op, "suspicious_object", venue: "corniche");
        await op.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "corniche-police" });
        await op.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "corniche-fire" });
        await op.PostJsonAsync("/api/v1/units/corniche-police/arrived", null);

        foreach (var status in new[] { "acknowledged", "in_progress", "resolved" })
        {
            Assert.Equal(200, (await op.PostJsonAsync($"/api/v1/incidents/{id}/transition", new { status })).Status);
        }

        var (_, units) = await op.GetJsonAsync("/api/v1/units?venue=corniche");
        var (again, _) = await op.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "corniche-medical" });
        var incident = await IncidentAsync(op, id);

        Assert.All(units.EnumerateArray(), u => Assert.Equal("available", u.GetProperty("status").GetString()));
        Assert.Empty(incident.GetProperty("units").EnumerateArray());
        var released = Lines(incident, "unit_released");
        Assert.Equal(["corniche-fire", "corniche-police"], released.Select(r => r.GetProperty("data").GetProperty("unit").GetString()).Order());
        Assert.All(released, r => Assert.Equal("incident resolved", r.GetProperty("data").GetProperty("reason").GetString()));
        Assert.Equal(409, again);
    }

    [Fact]
    public async Task Merge_ReleasesTheDuplicatesUnits()
    {
        using var op = server.ClientFor(Roles.Operator);
        var duplicate = await ReportAsync(op, "fight", venue: "lighthouse");
        var kept = await ReportAsync(op, "fight", venue: "lighthouse");
        await op.PostJsonAsync($"/api/v1/incidents/{duplicate}/dispatch", new { unit = "lighthouse-stewards" });

        var (merged, _) = await op.PostJsonAsync($"/api/v1/incidents/{duplicate}/merge", new { into = kept });
        var (redispatched, _) = await op.PostJsonAsync($"/api/v1/incidents/{kept}/dispatch", new { unit = "lighthouse-stewards" });

        Assert.Equal(200, merged);
        Assert.Single(Lines(await IncidentAsync(op, duplicate), "unit_released"));
        Assert.Equal(200, redispatched);
    }

    [Fact]
    public async Task OperatorScopedToAVenue_CannotMoveAnotherVenuesUnit()
    {
        using var op = server.ClientFor(Roles.Operator);
        var id = await ReportAsync(op, "fight", venue: "lantern");
        using var dunesOperator = await server.ScopedClientAsync(Roles.Operator, "dunes");
        using var lanternOperator = await server.ScopedClientAsync(Roles.Operator, "lantern");

        var (foreign, _) = await lanternOperator.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "dunes-police" });
        var (central, _) = await lanternOperator.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "police-reserve" });
        var (unseen, _) = await dunesOperator.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "dunes-police" });
        var (own, _) = await lanternOperator.PostJsonAsync($"/api/v1/incidents/{id}/dispatch", new { unit = "lantern-police" });
        var (release, _) = await dunesOperator.PostJsonAsync("/api/v1/units/lantern-police/release", null);

        Assert.Equal([404, 404, 404, 200, 404], new[] { foreign, central, unseen, own, release });
    }

    private async Task<List<string>> AuditActionsAsync(long incidentId)
    {
        var contexts = server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Cancel);
        var id = incidentId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(e => e.TargetType == "incident" && e.TargetId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Cancel);
    }
}
