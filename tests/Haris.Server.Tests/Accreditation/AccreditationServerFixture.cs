using Haris.Storage.ApiKeys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Server.Tests.Accreditation;

/// <summary>A server running the sample tournament on a clock the tests move, a Sunday of the group stage at noon UTC.</summary>
public sealed class AccreditationServerFixture : ServerFixture
{
    /// <summary>When the clock starts: inside every badge's validity in <see cref="AccreditationTestList"/>.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 14, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The server's clock.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>A client with a new API key of <paramref name="role"/> limited to <paramref name="venue"/>.</summary>
    public async Task<HttpClient> ClientForVenueAsync(string role, string venue)
    {
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var key = await keys.CreateAsync($"{role}-{venue}-{Guid.NewGuid():N}", role, venue, "fixture");
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
        return client;
    }

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tournament:Path"] = SharedData.SampleTournament });
        builder.Services.AddSingleton<TimeProvider>(Clock);
    }

}

/// <summary>The accreditation list the tests import: one person per behaviour, so tests sharing a server do not meet.</summary>
internal static class AccreditationTestList
{
    public const string Header = "badge_id,name,organisation,function,photo,valid_from,valid_to,zones";

    public const string Csv = Header + "\n"
        + "STW-0042,Layla Haddad,Dunes Stewarding,steward,photos/stw-0042.jpg,2026-06-01T00:00:00+03:00,2026-07-20T23:59:59+03:00,dunes/type:staff;dunes/type:concourse\n"
        + "MED-0001,\"Dupont, Jeanne\",Radio Lusail,photographer,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,dunes/pitch;dunes/media;oryx/media\n"
        + "REV-0001,Karim Nasser,Dunes Stewarding,steward,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,dunes/*\n"
        + "DEN-0001,Omar Saleh,Dunes Stewarding,steward,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,dunes/type:concourse\n"
        + "TRV-0001,Hana Yousef,Haris command,liaison,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,*/type:staff\n"
        + "ORX-0001,Noor Ali,Oryx Volunteers,volunteer,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,oryx/type:concourse\n"
        + "POL-0007,أحمد السيد,Police,police,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,*/type:staff;*/type:concourse\n";
}
