using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

/// <summary>A server configured with the sample tournament, as <c>Tournament: Path:</c> in haris.yaml names it.</summary>
public sealed class TournamentServerFixture : ServerFixture
{
    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tournament:Path"] = SharedData.SampleTournament,
        });

}

public sealed class VenuesApiTests(TournamentServerFixture server) : IClassFixture<TournamentServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Venues_ListsTheEightStadiumsInThreeLanguages()
    {
        using var commander = server.ClientFor(Roles.Commander);

        var venues = (await commander.GetFromJsonAsync<JsonElement>("/api/v1/venues", Cancel)).EnumerateArray().ToList();

        Assert.Equal(8, venues.Count);
        Assert.All(venues, v =>
        {
            Assert.InRange(v.GetProperty("capacity").GetInt32(), 40_000, 88_000);
            Assert.False(string.IsNullOrEmpty(v.GetProperty("name").GetProperty("ar").GetString()));
            Assert.False(string.IsNullOrEmpty(v.GetProperty("name").GetProperty("fr").GetString()));
        });
    }

    [Fact]
    public async Task Venue_HasZonesGatesPerimetersAndMatchesInLocalTime()
    {
        using var operatorClient = server.ClientFor(Roles.Operator);

        var venue = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/venues/dunes", Cancel);

        Assert.NotEmpty(venue.GetProperty("zones").EnumerateArray());
        Assert.All(venue.GetProperty("gates").EnumerateArray(), g => Assert.Equal(g.GetProperty("turnstiles").GetInt32() * 660, g.GetProperty("capacity_per_hour").GetInt32()));
        Assert.NotEmpty(venue.GetProperty("outer_check_points").EnumerateArray());
        var match = venue.GetProperty("matches").EnumerateArray().First();
        Assert.EndsWith("+03:00", match.GetProperty("kick_off").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Procedure_ForAFieldCategory_IsTheOrderedChecklist()
    {
        using var steward = server.ClientFor(Roles.Steward);

        var procedure = await steward.GetFromJsonAsync<JsonElement>("/api/v1/procedures/crowd_pressure", Cancel);
        var unknown = await steward.GetAsync("/api/v1/procedures/alien_landing", Cancel);

        Assert.NotEmpty(procedure.GetProperty("steps").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task VenueLimitedPerson_SeesOnlyTheirVenue()
    {
        const string Name = "operator-oryx";
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
            var user = new HarisUser { UserName = Name };
            user.Venues.Add(new HarisUserVenue { UserId = user.Id, Venue = "oryx" });
            Assert.True((await users.CreateAsync(user, ServerFixture.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Operator)).Succeeded);
        }

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = Name, password = ServerFixture.Password }, Cancel)).StatusCode);

        var venues = (await client.GetFromJsonAsync<JsonElement>("/api/v1/venues", Cancel)).EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
        var other = await client.GetAsync("/api/v1/venues/dunes", Cancel);
        var matches = (await client.GetFromJsonAsync<JsonElement>("/api/v1/matches", Cancel)).EnumerateArray().ToList();

        Assert.Equal(["oryx"], venues);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.All(matches, m => Assert.Equal("oryx", m.GetProperty("venue").GetString()));
    }
}
