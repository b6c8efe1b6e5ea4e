using System.Diagnostics;
using System.Text.Json;
using Haris.Storage.ApiKeys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Server.Tests.Field;

/// <summary>A server running the sample tournament on a fake clock that only the test moves.</summary>
public sealed class FieldServerFixture : ServerFixture
{
    /// <summary>The server's clock; it starts on a match day and stands still until advanced.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 14, 15, 0, 0, TimeSpan.Zero));

    /// <summary>A client presenting a new API key of <paramref name="role"/> limited to <paramref name="venue"/>.</summary>
    public async Task<HttpClient> ScopedClientAsync(string role, string venue)
    {
        var key = await App.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(TestData.Unique(role + "-" + venue), role, venue, "test", TestContext.Current.CancellationToken);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
        return client;
    }

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tournament:Path"] = SharedData.SampleTournament,
        });
        builder.Services.AddSingleton<TimeProvider>(Clock);
    }

}

/// <summary>Requests the field tests share.</summary>
internal static class FieldRequests
{
    /// <summary>How long a poll waits for the server's background work before the test fails.</summary>
    private static readonly TimeSpan s_pollLimit = TimeSpan.FromSeconds(15);

    /// <summary>Reports an incident and returns its number; fails the test unless it is created.</summary>
    public static async Task<long> ReportAsync(HttpClient client, string category, string severity = "high", string venue = "dunes", string? zone = null)
    {
        var (status, body) = await client.PostJsonAsync("/api/v1/incidents", new { title = category + " reported", category, severity, venue, zone });
        Assert.True(status == 201, $"report answered {status}: {body}");
        return body.GetProperty("incident").GetProperty("id").GetInt64();
    }

    /// <summary>The incident as <c>GET /api/v1/incidents/{id}</c> answers it.</summary>
    public static async Task<JsonElement> IncidentAsync(HttpClient client, long id)
    {
        var (status, body) = await client.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>The timeline lines of <paramref name="incident"/> of <paramref name="kind"/>.</summary>
    public static List<JsonElement> Lines(JsonElement incident, string kind) =>
        [.. incident.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind)];

    /// <summary>Whether the incident has been escalated.</summary>
    public static bool IsEscalated(JsonElement incident) =>
        incident.GetProperty("incident").GetProperty("escalated_at").ValueKind != JsonValueKind.Null;

    /// <summary>
    /// Asks the API for incident <paramref name="id"/> until <paramref name="condition"/> holds, for work the server does
    /// in the background after the fake clock moved; fails after a bounded wait.
    /// </summary>
    public static async Task<JsonElement> PollAsync(HttpClient client, long id, Func<JsonElement, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var incident = await IncidentAsync(client, id);
            if (condition(incident))
            {
                return incident;
            }

            Assert.True(waited.Elapsed < s_pollLimit, $"incident {id} did not reach the expected state within {s_pollLimit}: {incident}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, TestContext.Current.CancellationToken);
        }
    }
}
