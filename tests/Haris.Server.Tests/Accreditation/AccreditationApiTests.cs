using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Server.Operations;
using Haris.Server.Operations.Accreditation;
using Haris.Server.Pipeline;
using Haris.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haris.Server.Tests.Accreditation;

public sealed class AccreditationApiTests(AccreditationServerFixture server) : IClassFixture<AccreditationServerFixture>
{
    private const string RepeatedDenials = "haris_accreditation_repeated_denials";
    private const string ImpossibleTravel = "haris_accreditation_impossible_travel";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_ThenScan_AdmitsAtAnAllowedZoneAndDeniesAForbiddenOneWithTheReason()
    {
        var receipt = await ImportAsync();
        using var sensor = server.ClientFor(Roles.Sensor);

        var (allowedStatus, allowed) = await ScanAsync(sensor, "STW-0042", "dunes", "staff-door-east", "staff");
        var (deniedStatus, denied) = await ScanAsync(sensor, "STW-0042", "dunes", "tunnel-west", "pitch");

        Assert.Equal(7, receipt.GetProperty("imported").GetInt32());
        Assert.Equal(HttpStatusCode.OK, allowedStatus);
        Assert.Equal(("admit", "allowed"), (allowed.GetProperty("decision").GetString(), allowed.GetProperty("reason").GetString()));
        Assert.Equal("Layla Haddad", allowed.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal("Dunes Stewarding", allowed.GetProperty("person").GetProperty("organisation").GetString());
        Assert.Equal("steward", allowed.GetProperty("person").GetProperty("function").GetString());
        Assert.Equal(HttpStatusCode.OK, deniedStatus);
        Assert.Equal(("deny", "zone_not_allowed"), (denied.GetProperty("decision").GetString(), denied.GetProperty("reason").GetString()));
        Assert.Equal("Layla Haddad", denied.GetProperty("person").GetProperty("name").GetString());
    }

    [Fact]
    public async Task RevokedBadge_IsDeniedAsRevoked_UntilReinstated_AndBothAreAudited()
    {
        await ImportAsync();
        using var commander = server.ClientFor(Roles.Commander);
        using var sensor = server.ClientFor(Roles.Sensor);

        var revoke = await commander.PostAsJsonAsync("/api/v1/accreditations/REV-0001/revoke", new { reason = "reported stolen" }, Cancel);
        var again = await commander.PostAsJsonAsync("/api/v1/accreditations/REV-0001/revoke", new { reason = "twice" }, Cancel);
        var (_, whileRevoked) = await ScanAsync(sensor, "REV-0001", "dunes", "gate-staff", "staff");
        var person = await commander.GetFromJsonAsync<JsonElement>("/api/v1/accreditations/REV-0001", Cancel);
        var reinstate = await commander.PostAsync("/api/v1/accreditations/REV-0001/reinstate", null, Cancel);
        var (_, afterReinstate) = await ScanAsync(sensor, "REV-0001", "dunes", "gate-staff", "staff");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("deny", "revoked"), (whileRevoked.GetProperty("decision").GetString(), whileRevoked.GetProperty("reason").GetString()));
        Assert.Equal("reported stolen", person.GetProperty("revocation").GetProperty("reason").GetString());
        Assert.Equal("api-key:test-commander", person.GetProperty("revocation").GetProperty("revoked_by").GetString());
        Assert.Equal(HttpStatusCode.NoContent, reinstate.StatusCode);
        Assert.Equal("admit", afterReinstate.GetProperty("decision").GetString());
        Assert.Equal(["accreditation.revoke", "accreditation.reinstate"], await AuditActionsAsync("REV-0001"));
    }

    [Fact]
    public async Task UnknownBadge_IsDeniedWithoutAPerson()
    {
        await ImportAsync();
        using var sensor = server.ClientFor(Roles.Sensor);

        var (status, answer) = await ScanAsync(sensor, "NOBODY-1", "dunes", "staff-door-east", "staff");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("deny", "unknown_badge"), (answer.GetProperty("decision").GetString(), answer.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("person").ValueKind);
    }

    [Fact]
    public async Task RepeatedDenialsOfOneBadge_RaiseTheAlertOnTheThird_VisibleWithTheCyberAlerts()
    {
        await ImportAsync();
        using var sensor = server.ClientFor(Roles.Sensor);

        await ScanAsync(sensor, "DEN-0001", "dunes", "tunnel-den", "pitch");
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await ScanAsync(sensor, "DEN-0001", "dunes", "tunnel-den", "pitch");
        var afterTwo = await AlertsAsync(RepeatedDenials, "DEN-0001");
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await ScanAsync(sensor, "DEN-0001", "dunes", "tunnel-den", "pitch");
        var afterThree = await AlertsAsync(RepeatedDenials, "DEN-0001");

        Assert.Empty(afterTwo);
        var alert = Assert.Single(afterThree);
        Assert.Equal("dunes", alert.GetProperty("alert").GetProperty("venue").GetString());
        Assert.Equal("accreditation", alert.GetProperty("alert").GetProperty("dataset").GetString());
        Assert.Equal("high", alert.GetProperty("alert").GetProperty("level").GetString());
        Assert.Equal("zone_not_allowed", alert.GetProperty("fields").GetProperty("reason").GetString());
        Assert.Equal("3", alert.GetProperty("fields").GetProperty("denials").GetString());
    }

    [Fact]
    public async Task OneBadgeAtTwoVenuesInDifferentCitiesTenMinutesApart_RaisesImpossibleTravel()
    {
        await ImportAsync();
        using var sensor = server.ClientFor(Roles.Sensor);

        await ScanAsync(sensor, "TRV-0001", "dunes", "staff-door-trv", "staff");
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var (_, second) = await ScanAsync(sensor, "TRV-0001", "corniche", "staff-door-trv", "staff");

        Assert.Equal("admit", second.GetProperty("decision").GetString());
        var alert = Assert.Single(await AlertsAsync(ImpossibleTravel, "TRV-0001"));
        Assert.Equal("corniche", alert.GetProperty("alert").GetProperty("venue").GetString());
        var fields = alert.GetProperty("fields");
        Assert.Equal(("dunes", "other_city"), (fields.GetProperty("from_venue").GetString(), fields.GetProperty("travel").GetString()));
        Assert.Equal("600", fields.GetProperty("elapsed_seconds").GetString());
    }

    [Fact]
    public async Task SensorKeyOfAnotherVenue_IsRefused_AndNothingIsStored()
    {
        await ImportAsync();
        using var oryxSensor = await server.ClientForVenueAsync(Roles.Sensor, "oryx");

        var (refused, problem) = await ScanAsync(oryxSensor, "STW-0042", "dunes", "staff-door-scope", "staff");
        var (ownVenue, answer) = await ScanAsync(oryxSensor, "ORX-0001", venue: null, "concourse-scope", "concourse-lower");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("oryx", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownVenue);
        Assert.Equal("admit", answer.GetProperty("decision").GetString());
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        Assert.Empty(await db.CheckpointScans.Where(s => s.Checkpoint == "staff-door-scope").ToListAsync(Cancel));
        var stored = await db.CheckpointScans.SingleAsync(s => s.Checkpoint == "concourse-scope", Cancel);
        Assert.Equal("oryx", stored.Venue);
    }

    [Fact]
    public async Task BadCsv_Is400NamingTheLine_AndStoresNoOneOfTheList()
    {
        using var commander = server.ClientFor(Roles.Commander);
        var csv = AccreditationTestList.Header + "\n"
            + "NEW-0001,Sara Khalil,Dunes Stewarding,steward,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,dunes/staff\n"
            + "NEW-0002,Ali Hassan,Dunes Stewarding,steward,,2026-06-01 00:00,2026-07-20T23:59:59Z,dunes/staff\n";

        var response = await commander.PostAsync("/api/v1/accreditations/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var lookup = await commander.GetAsync("/api/v1/accreditations/NEW-0001", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 3: valid_from '2026-06-01 00:00'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        Assert.False(await db.AccreditedPeople.AnyAsync(p => p.BadgeId == "NEW-0001", Cancel));
        Assert.False(Live().Registry.TryGet("NEW-0001", out _));
    }

    [Theory]
    // The database keeps 100 characters of a function though the list allows 200: refused, not cut.
    [InlineData("function", "line 2: function is longer than 100 characters")]
    // A list saved as JSON, or sent without saying it is CSV.
    [InlineData("json", "text/csv")]
    public async Task Import_WhatCannotBeStored_IsRefusedWithoutStoring(string kind, string detail)
    {
        using var commander = server.ClientFor(Roles.Commander);
        var csv = AccreditationTestList.Header + "\n"
            + $"LONG-0001,Sara Khalil,Dunes Stewarding,{new string('f', 150)},,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,dunes/staff\n";
        var content = new StringContent(csv, Encoding.UTF8, kind == "json" ? "application/json" : "text/csv");

        var response = await commander.PostAsync("/api/v1/accreditations/import", content, Cancel);

        Assert.Equal(kind == "json" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(Live().Registry.TryGet("LONG-0001", out _));
    }

    [Fact]
    public async Task Scans_AreStoredWithTheirVerdict_AndListedNewestFirstWithDenialsByReason()
    {
        await ImportAsync();
        using var sensor = server.ClientFor(Roles.Sensor);
        using var operatorClient = server.ClientFor(Roles.Operator);

        var (_, admitted) = await ScanAsync(sensor, "MED-0001", "dunes", "press-door-list", "media");
        server.Clock.Advance(TimeSpan.FromSeconds(5));
        var (_, denied) = await ScanAsync(sensor, "MED-0001", "dunes", "press-door-list", "hospitality");
        var page = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/checkpoint-scans?venue=dunes&decision=deny&page_size=500", Cancel);
        var ofBadge = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/checkpoint-scans?badge=MED-0001&page_size=500", Cancel);

        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        var row = await db.CheckpointScans.SingleAsync(s => s.Id == denied.GetProperty("scan_id").GetInt64(), Cancel);
        Assert.Equal(("MED-0001", "dunes", "press-door-list", "hospitality"), (row.BadgeId, row.Venue, row.Checkpoint, row.Zone));
        Assert.Equal(("deny", "zone_not_allowed", "api-key:test-sensor"), (row.Decision, row.Reason, row.Sensor));
        Assert.Equal(server.Clock.GetUtcNow(), row.At);
        Assert.True(await db.CheckpointScans.AnyAsync(s => s.Id == admitted.GetProperty("scan_id").GetInt64() && s.Decision == "admit", Cancel));

        Assert.All(page.GetProperty("items").EnumerateArray(), s => Assert.Equal("deny", s.GetProperty("decision").GetString()));
        Assert.True(page.GetProperty("by_reason").GetProperty("zone_not_allowed").GetInt32() >= 1);
        Assert.False(page.GetProperty("by_reason").TryGetProperty("allowed", out _));
        var mine = ofBadge.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("zone").GetString()).ToList();
        Assert.Equal(["hospitality", "media"], mine);
    }

    [Fact]
    public async Task List_FiltersAndSearches_AndAVenueLimitedCallerSeesOnlyPeopleOfItsVenues()
    {
        await ImportAsync();
        using var commander = server.ClientFor(Roles.Commander);
        using var oryxOperator = await server.ClientForVenueAsync(Roles.Operator, "oryx");

        var atOryx = await Badges(commander, "/api/v1/accreditations?venue=oryx&page_size=500");
        var stewards = await Badges(commander, "/api/v1/accreditations?organisation=dunes%20stewarding&function=STEWARD&page_size=500");
        var search = await Badges(commander, "/api/v1/accreditations?q=haddad");
        var byBadge = await Badges(commander, "/api/v1/accreditations?q=pol-00");
        var limited = await Badges(oryxOperator, "/api/v1/accreditations?page_size=500");
        var otherVenue = await oryxOperator.GetAsync("/api/v1/accreditations/STW-0042", Cancel);
        var otherVenueFilter = await oryxOperator.GetAsync("/api/v1/accreditations?venue=dunes", Cancel);
        var revokeOther = await oryxOperator.PostAsJsonAsync("/api/v1/accreditations/STW-0042/revoke", new { reason = "not mine" }, Cancel);
        await commander.PostAsJsonAsync("/api/v1/accreditations/POL-0007/revoke", new { reason = "left the force" }, Cancel);
        var revoked = await Badges(commander, "/api/v1/accreditations?revoked=true&page_size=500");
        var notRevoked = await Badges(commander, "/api/v1/accreditations?revoked=false&page_size=500");

        // oryx grants, and grants for every venue; nobody of dunes alone.
        Assert.Equal(["MED-0001", "ORX-0001", "POL-0007", "TRV-0001"], atOryx.Order(StringComparer.Ordinal));
        Assert.Equal(["DEN-0001", "REV-0001", "STW-0042"], stewards.Order(StringComparer.Ordinal));
        Assert.Equal(["STW-0042"], search);
        Assert.Equal(["POL-0007"], byBadge);
        Assert.Equal(["MED-0001", "ORX-0001", "POL-0007", "TRV-0001"], limited.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, otherVenue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherVenueFilter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revokeOther.StatusCode);
        Assert.False(Live().Registry.IsRevoked("STW-0042"));
        Assert.Contains("POL-0007", revoked);
        Assert.DoesNotContain("STW-0042", revoked);
        Assert.Contains("STW-0042", notRevoked);
        Assert.DoesNotContain("POL-0007", notRevoked);
    }

    [Fact]
    public async Task Start_LoadsPeopleAndRevocationsFromTheDatabase()
    {
        await ImportAsync();
        using var commander = server.ClientFor(Roles.Commander);
        await commander.PostAsJsonAsync("/api/v1/accreditations/NOT-ON-LIST-9/revoke", new { reason = "reported lost before the list came" }, Cancel);
        var services = server.App.Services;
        using var fresh = new LiveAccreditation(
            services.GetRequiredService<TournamentCatalog>(), Contexts(), services.GetRequiredService<AlertIntake>(), server.Clock,
            NullLogger<LiveAccreditation>.Instance);

        await fresh.StartAsync(Cancel);
        await fresh.StopAsync(Cancel);

        Assert.True(fresh.IsLoaded);
        Assert.True(fresh.Registry.TryGet("MED-0001", out var photographer));
        Assert.Equal("Dupont, Jeanne", photographer.Name);
        Assert.Equal("dunes/pitch;dunes/media;oryx/media", string.Join(';', photographer.Access.Select(a => a.ToString())));
        Assert.Equal("أحمد السيد", fresh.Registry.TryGet("POL-0007", out var police) ? police.Name : null);
        Assert.Equal("reported lost before the list came", fresh.Registry.Revocation("NOT-ON-LIST-9")?.Reason);
    }

    private async Task<JsonElement> ImportAsync()
    {
        using var commander = server.ClientFor(Roles.Commander);
        var response = await commander.PostAsync(
            "/api/v1/accreditations/import", new StringContent(AccreditationTestList.Csv, Encoding.UTF8, "text/csv"), Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ScanAsync(HttpClient sensor, string badge, string? venue, string checkpoint, string zone)
    {
        var response = await sensor.PostAsJsonAsync("/api/v1/checkpoint-scans", new { badge, venue, checkpoint, zone }, Cancel);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Cancel));
    }

    private static async Task<List<string?>> Badges(HttpClient client, string path) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(path, Cancel)).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("badge_id").GetString())];

    // The stored alerts of one rule about one badge, as GET /api/v1/alerts/{id} shows them.
    private async Task<List<JsonElement>> AlertsAsync(string rule, string badge)
    {
        using var commander = server.ClientFor(Roles.Commander);
        var page = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?rule={rule}&page_size=500", Cancel);
        var found = new List<JsonElement>();
        foreach (var summary in page.GetProperty("items").EnumerateArray())
        {
            var detail = await commander.GetFromJsonAsync<JsonElement>("/api/v1/alerts/" + summary.GetProperty("id").GetString(), Cancel);
            if (detail.GetProperty("fields").GetProperty("badge").GetString() == badge)
            {
                found.Add(detail);
            }
        }

        return found;
    }

    private async Task<List<string>> AuditActionsAsync(string badge)
    {
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        return await db.AuditEntries.Where(e => e.TargetType == "badge" && e.TargetId == badge).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Cancel);
    }

    private IDbContextFactory<HarisDbContext> Contexts() => server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>();

    private LiveAccreditation Live() => server.App.Services.GetRequiredService<LiveAccreditation>();
}

public sealed class AccreditationWithoutTournamentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(Roles.Commander, "/api/v1/accreditations")]
    [InlineData(Roles.Operator, "/api/v1/checkpoint-scans")]
    public async Task Endpoints_WithoutATournament_Are404SayingSo(string role, string path)
    {
        using var client = server.ClientFor(role);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString();
        Assert.Contains("Tournament:Path", detail, StringComparison.Ordinal);
    }
}
