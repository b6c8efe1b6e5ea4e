using System.Text.Json;
using Haris.Core.Incidents;
using Haris.Core.Security;
using Haris.Server.Operations;
using Microsoft.Extensions.DependencyInjection;
using static Haris.Server.Tests.Field.FieldRequests;

namespace Haris.Server.Tests.Field;

public sealed class FieldIncidentTests(FieldServerFixture server) : IClassFixture<FieldServerFixture>
{
    [Fact]
    public async Task Report_MedicalIncidentByASteward_AttachesTheTournamentsProcedureInThreeLanguages()
    {
        using var steward = server.ClientFor(Roles.Steward);
        var procedure = server.App.Services.GetRequiredService<TournamentCatalog>().Tournament!.Procedure(IncidentCategory.Medical)!;

        var (status, created) = await steward.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Fan collapsed in block 112",
            category = "medical",
            severity = "high",
            venue = "dunes",
            zone = "north-lower",
            gate = "n1",
        });
        var read = await IncidentAsync(steward, created.GetProperty("incident").GetProperty("id").GetInt64());

        Assert.Equal(201, status);
        Assert.Equal("north-lower", created.GetProperty("incident").GetProperty("zone").GetString());
        var checklist = read.GetProperty("checklist").EnumerateArray().ToList();
        Assert.Equal(procedure.Steps.Count, checklist.Count);
        for (var i = 0; i < checklist.Count; i++)
        {
            var text = checklist[i].GetProperty("text");
            Assert.Equal(i + 1, checklist[i].GetProperty("position").GetInt32());
            Assert.Equal(procedure.Steps[i].En, text.GetProperty("en").GetString());
            Assert.Equal(procedure.Steps[i].Fr, text.GetProperty("fr").GetString());
            Assert.Equal(procedure.Steps[i].Ar, text.GetProperty("ar").GetString());
            Assert.False(checklist[i].GetProperty("done").GetBoolean());
        }
    }

    [Fact]
    public async Task TickChecklistStep_RecordsWhoAndWhenOnceAndCanBeUndone()
    {
        using var steward = server.ClientFor(Roles.Steward);
        var id = await ReportAsync(steward, "crowd_pressure", zone: "east-lower");

        var (ticked, afterTick) = await steward.PostJsonAsync($"/api/v1/incidents/{id}/checklist/2", new { done = true });
        var (again, afterAgain) = await steward.PostJsonAsync($"/api/v1/incidents/{id}/checklist/2", new { done = true });
        var (undone, afterUndo) = await steward.PostJsonAsync($"/api/v1/incidents/{id}/checklist/2", new { done = false });
        var (missing, _) = await steward.PostJsonAsync($"/api/v1/incidents/{id}/checklist/99", new { done = true });

        Assert.Equal([200, 200, 200, 404], new[] { ticked, again, undone, missing });
        var step = afterTick.GetProperty("checklist")[1];
        Assert.True(step.GetProperty("done").GetBoolean());
        Assert.Equal("api-key:test-steward", step.GetProperty("done_by").GetString());
        Assert.Equal(server.Clock.GetUtcNow(), step.GetProperty("done_at").GetDateTimeOffset());
        Assert.Single(Lines(afterAgain, "checklist_step_done"));
        Assert.False(afterUndo.GetProperty("checklist")[1].GetProperty("done").GetBoolean());
        var lines = Lines(afterUndo, "checklist_step_done");
        Assert.Equal([true, false], lines.Select(l => l.GetProperty("data").GetProperty("done").GetBoolean()));
        Assert.All(lines, l => Assert.Equal(2, l.GetProperty("data").GetProperty("position").GetInt32()));
    }

    [Theory]
    // A venue the tournament does not have.
    [InlineData("atlantis", "north-lower", null, "venue 'atlantis'")]
    // A zone the venue does not have.
    [InlineData("dunes", "north-middle", null, "zone 'north-middle' is not a zone of venue 'dunes'")]
    // A zone of another venue is still not one of this venue.
    [InlineData("dunes", "concourse", null, "zone 'concourse'")]
    // Oryx has gates n1 and n2 only; n3 is Dunes's.
    [InlineData("oryx", null, "n3", "gate 'n3' is not a gate of venue 'oryx'")]
    public async Task Report_PlaceNotInTheTournament_Is400NamingTheField(string venue, string? zone, string? gate, string named)
    {
        using var op = server.ClientFor(Roles.Operator);

        var (status, problem) = await op.PostJsonAsync("/api/v1/incidents", new { title = "Fight", category = "fight", venue, zone, gate });

        Assert.Equal(400, status);
        Assert.Contains(named, problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_PlaceInOtherCase_IsStoredAsTheTournamentSpellsIt()
    {
        using var op = server.ClientFor(Roles.Operator);

        var (status, body) = await op.PostJsonAsync("/api/v1/incidents", new { title = "Fight", category = "fight", venue = "Dunes", zone = "North-Lower", gate = "N1" });

        Assert.Equal(201, status);
        var incident = body.GetProperty("incident");
        Assert.Equal(["dunes", "north-lower", "n1"], new[] { "venue", "zone", "gate" }.Select(p => incident.GetProperty(p).GetString()));
    }

    [Fact]
    public async Task StewardScopedToAnotherVenue_CannotReportTickOrSeeUnitsThere()
    {
        using var dunesSteward = server.ClientFor(Roles.Steward);
        var dunesIncident = await ReportAsync(dunesSteward, "lost_child");
        using var oryxSteward = await server.ScopedClientAsync(Roles.Steward, "oryx");

        var (reported, refusal) = await oryxSteward.PostJsonAsync("/api/v1/incidents", new { title = "Fight", category = "fight", venue = "dunes" });
        var (ticked, _) = await oryxSteward.PostJsonAsync($"/api/v1/incidents/{dunesIncident}/checklist/1", new { done = true });
        var (listed, units) = await oryxSteward.GetJsonAsync("/api/v1/units");
        var (otherVenue, _) = await oryxSteward.GetJsonAsync("/api/v1/units?venue=dunes");
        var (otherUnit, _) = await oryxSteward.GetJsonAsync("/api/v1/units/dunes-medical");
        var (own, _) = await oryxSteward.PostJsonAsync("/api/v1/incidents", new { title = "Fight", category = "fight", zone = "north-lower" });

        Assert.Equal(403, reported);
        Assert.Contains("oryx", refusal.Detail(), StringComparison.Ordinal);
        Assert.Equal(404, ticked);
        Assert.Equal(200, listed);
        Assert.NotEmpty(units.EnumerateArray());
        Assert.All(units.EnumerateArray(), u => Assert.Equal("oryx", u.GetProperty("home_venue").GetString()));
        Assert.Equal(403, otherVenue);
        Assert.Equal(404, otherUnit);
        Assert.Equal(201, own);
    }

    [Fact]
    public async Task Acknowledge_SetsAcknowledgedAtOnce_ByTransitionOrItsOwnEndpoint()
    {
        using var steward = server.ClientFor(Roles.Steward);
        using var op = server.ClientFor(Roles.Operator);
        var moved = await ReportAsync(steward, "fight");
        var pressed = await ReportAsync(steward, "fight");
        var acknowledgedAt = server.Clock.GetUtcNow();

        var (transition, byTransition) = await op.PostJsonAsync($"/api/v1/incidents/{moved}/transition", new { status = "acknowledged" });
        var (first, byButton) = await op.PostJsonAsync($"/api/v1/incidents/{pressed}/acknowledge", null);
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        var (second, pressedAgain) = await op.PostJsonAsync($"/api/v1/incidents/{pressed}/acknowledge", null);
        var (stewardPress, _) = await steward.PostJsonAsync($"/api/v1/incidents/{pressed}/acknowledge", null);

        Assert.Equal([200, 200, 200, 403], new[] { transition, first, second, stewardPress });
        Assert.Equal(acknowledgedAt, AcknowledgedAt(byTransition));
        Assert.Equal(acknowledgedAt, AcknowledgedAt(byButton));
        Assert.Equal("acknowledged", byButton.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal(acknowledgedAt, AcknowledgedAt(pressedAgain));
        Assert.Single(Lines(pressedAgain, "transition"));
    }

    private static DateTimeOffset AcknowledgedAt(JsonElement incident) =>
        incident.GetProperty("incident").GetProperty("acknowledged_at").GetDateTimeOffset();
}
