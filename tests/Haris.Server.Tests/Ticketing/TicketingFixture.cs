using Haris.Core.Security;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Server.Operations.Ticketing;
using Haris.Storage.ApiKeys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Server.Tests.Ticketing;

/// <summary>
/// A server with the sample tournament on a fake clock, set an hour after the gates of m09 (Dunes Stadium) opened, with
/// a turnstile key for Dunes and one for another venue.
/// </summary>
public class TicketingFixture : ServerFixture
{
    public const string Venue = "dunes";
    public const string MatchId = "m09";

    /// <summary>
    /// The server's clock. It starts at the fixture's moment: a fake clock moved far at once would fire a periodic timer
    /// once for every period it skips.
    /// </summary>
    public FakeTimeProvider Clock { get; }

    public TicketingFixture()
    {
        var match = TournamentLoader.Load(TournamentPath).Tournament!.Match(MatchId)!;
        Clock = new FakeTimeProvider(match.GatesOpenUtc + AfterGatesOpen);
    }

    /// <summary>The sample tournament.</summary>
    public static string TournamentPath => SharedData.SampleTournament;

    public string DunesTurnstileKey { get; private set; } = "";

    public string OryxTurnstileKey { get; private set; } = "";

    public TicketOffice Office => App.Services.GetRequiredService<TicketOffice>();

    public Tournament Tournament => Office.Tournament!;

    public Match Match => Tournament.Match(MatchId)!;

    /// <summary>Signs tickets with the server's own keys, as the ticketing office would.</summary>
    public TicketIssuer Issuer => new(Office.Keys!);

    /// <summary>How long after m09's gates opened the clock starts.</summary>
    protected virtual TimeSpan AfterGatesOpen => TimeSpan.FromHours(1);

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        DunesTurnstileKey = (await keys.CreateAsync("turnstiles-dunes", Roles.Sensor, Venue, "fixture")).Plaintext;
        OryxTurnstileKey = (await keys.CreateAsync("turnstiles-oryx", Roles.Sensor, "oryx", "fixture")).Plaintext;
    }

    /// <summary>A client presenting <paramref name="key"/>.</summary>
    public HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tournament:Path"] = TournamentPath,
        }.Concat(Settings));
        builder.Services.AddSingleton<TimeProvider>(Clock);
    }
}
