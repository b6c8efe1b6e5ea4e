using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using Haris.Core.Security;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Server.Hosting;
using Haris.Server.Operations.Ticketing;
using Haris.Storage.ApiKeys;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Haris.Ui.Tests;

/// <summary>
/// The real server on a free loopback port with the sample tournament, an exercise clock an hour after the gates of
/// m09 (Dunes Stadium) opened, one user per role, data sent through the API (including hostile log lines), and one
/// headless Chromium for the collection.
/// </summary>
public sealed class UiServer : IAsyncLifetime
{
    /// <summary>The password of every user.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>Debian's Chromium; Playwright's own browsers are never downloaded.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string Venue = "dunes";

    public const string MatchId = "m09";

    /// <summary>An image tag with a script handler, as an attacker would put it in a user agent.</summary>
    public const string HostileAgent = "<img src=x onerror=alert(1)>";

    /// <summary>A query that would end a script block and open another, as an attacker would put it in a URL.</summary>
    public const string HostileQuery = "q=</script><script>alert(2)</script>";

    /// <summary>Arabic and an emoji, which must come through intact.</summary>
    public const string ArabicText = "مرحبا🔥";

    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private IPlaywright? _playwright;
    private int _line;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "haris-ui-tests-" + Guid.NewGuid().ToString("N"));

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string SensorKey { get; private set; } = "";

    /// <summary>The incident reported while seeding, with a hostile, Arabic and emoji title.</summary>
    public long IncidentId { get; private set; }

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> under the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static string UserFor(string role) => "ui-" + role;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium); .ci/run does so when it can.");
        }

        var tournamentPath = SharedData.SampleTournament;
        var match = TournamentLoader.Load(tournamentPath).Tournament!.Match(MatchId)!;
        App = HarisServer.Build(
            new ServeSettings { DataDirectory = DataDirectory, Urls = "http://127.0.0.1:0" },
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tournament:Path"] = tournamentPath });

                // An exercise clock, as Clock:Start gives one: real seconds pass (live updates and polls run), on match day.
                builder.Services.AddSingleton<TimeProvider>(new ExerciseClock(match.GatesOpenUtc + TimeSpan.FromHours(1), 1));
            });
        await HarisServer.InitializeAsync(App);
        await App.StartAsync();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var keys = App.Services.GetRequiredService<ApiKeyService>();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
            foreach (var role in Roles.All.Where(r => r != Roles.Sensor))
            {
                await TestServers.CreateUserAsync(users, UserFor(role), Password, role);
            }
        }

        SensorKey = (await keys.CreateAsync("ui-sensor", Roles.Sensor, null, "fixture")).Plaintext;
        var turnstiles = (await keys.CreateAsync("ui-turnstiles", Roles.Sensor, Venue, "fixture")).Plaintext;
        await SeedAsync(match, turnstiles);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers run the tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Sends access-log lines through the ingest API, as a sensor at the venue would.</summary>
    public async Task IngestAsync(params string[] lines)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", SensorKey);
        using var body = new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "text/plain");
        var response = await client.PostAsync($"/api/v1/ingest/tickets.access?format=combined&venue={Venue}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An access-log line at the server's clock, for a request that the XSS rule flags.</summary>
    public string AttackLine(string path, string query, string agent, string address = "198.51.100.7")
    {
        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Interlocked.Increment(ref _line);
        return $"{address} - - [{now.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)} +0000] \"GET {path}?{query} HTTP/1.1\" 200 512 \"-\" \"{agent}\"";
    }

    /// <summary>A new page signed in as the fixture's user of <paramref name="role"/>, reading <paramref name="language"/>.</summary>
    public async Task<IPage> PageAsync(string role, string language = "en")
    {
        var state = await SessionAsync(role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            StorageState = state,
            Locale = language == "ar" ? "ar" : language == "fr" ? "fr-FR" : "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await context.AddCookiesAsync([new Cookie { Name = "haris.lang", Value = language, Url = BaseAddress.ToString().TrimEnd('/') }]);
        return await context.NewPageAsync();
    }

    /// <summary>Where a failing test leaves its last screenshot and its Playwright trace.</summary>
    public static string FailureDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "failures");

    /// <summary>
    /// Runs <paramref name="test"/> on a new page signed in as <paramref name="role"/> (nobody when null), recording a
    /// trace, and fails it when the page threw or logged an error; when the test fails its screenshot and trace are
    /// kept under <see cref="FailureDirectory"/>.
    /// </summary>
    public async Task WithPageAsync(string? role, Func<IPage, Task> test, string language = "en", [CallerMemberName] string name = "")
    {
        var page = role is null ? await AnonymousPageAsync() : await PageAsync(role, language);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add("uncaught: " + error);
        page.Console += (_, message) =>
        {
            // The browser's own request for a tab icon is no fault of the pages.
            if (message.Type == "error" && !message.Text.Contains("favicon", StringComparison.OrdinalIgnoreCase) && !message.Location.Contains("favicon", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("console: " + message.Text);
            }
        };
        await page.Context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        try
        {
            await test(page);
            Assert.True(errors.Count == 0, "the page reported errors: " + string.Join(Environment.NewLine, errors));
            await page.Context.Tracing.StopAsync();
        }
        catch
        {
            Directory.CreateDirectory(FailureDirectory);
            var file = Path.Combine(FailureDirectory, $"{name}.{role ?? "anonymous"}.{language}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file + ".png", FullPage = true });
            await page.Context.Tracing.StopAsync(new TracingStopOptions { Path = file + ".trace.zip" });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A new page of a fresh browser context, signed in as nobody.</summary>
    public async Task<IPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "en-US" });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page once per role and keeps the session for later pages.</summary>
    private async Task<string> SessionAsync(string role)
    {
        await _sessionGate.WaitAsync();
        try
        {
            if (_sessions.TryGetValue(role, out var state))
            {
                return state;
            }

            var page = await AnonymousPageAsync();
            await SignInAsync(page, role);
            state = await page.Context.StorageStateAsync();
            await page.Context.CloseAsync();
            _sessions[role] = state;
            return state;
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    /// <summary>Fills in and sends the sign-in form.</summary>
    public static async Task SignInAsync(IPage page, string role)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("user-name").FillAsync(UserFor(role));
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    private async Task SeedAsync(Match match, string turnstileKey)
    {
        // Hostile strings in the fields attackers control, and Arabic with an emoji, through the real pipeline.
        await IngestAsync(
            AttackLine("/search", HostileQuery, HostileAgent),
            AttackLine("/ar/" + ArabicText, HostileQuery + "&n=" + ArabicText, "Mozilla/5.0 " + ArabicText, "203.0.113.9"));

        // Turnstile scans at Dunes: genuine tickets admitted, a forged token and a repeat rejected.
        var office = App.Services.GetRequiredService<TicketOffice>();
        var issuer = new TicketIssuer(office.Keys!);
        var (from, to) = TicketBatch.Window(match);
        using var turnstiles = new HttpClient { BaseAddress = BaseAddress };
        turnstiles.DefaultRequestHeaders.Add("X-Api-Key", turnstileKey);
        for (var i = 0; i < 6; i++)
        {
            var ticket = issuer.Issue(TicketIssuer.NewTicketId(), match.Id, "north-lower", "n1", $"A-1-{i + 1}", from, to);
            await PostOkAsync(turnstiles, "/api/v1/scans", new { gate = "n1", token = ticket.Token, direction = "in" });
            if (i == 0)
            {
                await PostOkAsync(turnstiles, "/api/v1/scans", new { gate = "n2", token = ticket.Token, direction = "in" });
            }
        }

        await PostOkAsync(turnstiles, "/api/v1/scans", new { gate = "n1", token = "forged-token", direction = "in" });
        await PostOkAsync(turnstiles, "/api/v1/checkpoint-scans", new { badge = "B-404", checkpoint = "unknown-cp", zone = "pitch" }, allowProblem: true);

        // A field incident with a hostile, Arabic and emoji title.
        IncidentId = await ReportIncidentAsync("Crowd at gate N1 " + ArabicText + " " + HostileAgent, "</script><script>alert(3)</script>");
    }

    /// <summary>Reports a crowd incident at gate n1 through the API, as a commander; returns its number.</summary>
    public async Task<long> ReportIncidentAsync(string title, string? description = null)
    {
        using var client = await SignedInClientAsync(Roles.Commander);
        var created = await client.PostAsJsonAsync("/api/v1/incidents", new
        {
            title,
            category = "crowd_pressure",
            severity = "high",
            venue = Venue,
            gate = "n1",
            description,
        });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, text);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        return document.RootElement.GetProperty("incident").GetProperty("id").GetInt64();
    }

    private async Task<HttpClient> SignedInClientAsync(string role)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = UserFor(role), password = Password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return client;
    }

    private static async Task PostOkAsync(HttpClient client, string path, object body, bool allowProblem = false)
    {
        var response = await client.PostAsJsonAsync(path, body);
        if (!allowProblem)
        {
            Assert.True(response.IsSuccessStatusCode, path + ": " + await response.Content.ReadAsStringAsync());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        _sessionGate.Dispose();
        TestServers.DeleteDataDirectory(DataDirectory);
    }
}

/// <summary>One server and one browser for every browser test.</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiServer>
{
    public const string Name = "ui";
}
