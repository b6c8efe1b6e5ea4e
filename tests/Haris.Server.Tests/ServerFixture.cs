using System.Net;
using System.Net.Http.Json;
using Haris.Core.Security;
using Haris.Server.Hosting;
using Haris.Storage.ApiKeys;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haris.Server.Tests;

/// <summary>A real server on a free loopback port over a fresh SQLite database, with one API key and one user per role.</summary>
public class ServerFixture : IAsyncLifetime
{
    /// <summary>The password of every user the fixture creates.</summary>
    public const string Password = "correct horse battery staple";

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "haris-server-tests-" + Guid.NewGuid().ToString("N"));

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API key of role <paramref name="role"/>.</summary>
    public string KeyFor(string role) => _keys[role];

    /// <summary>The user name of the fixture's user with role <paramref name="role"/>.</summary>
    public static string UserFor(string role) => "user-" + role;

    public virtual async ValueTask InitializeAsync()
    {
        App = HarisServer.Build(
            new ServeSettings { DataDirectory = DataDirectory, Urls = "http://127.0.0.1:0" },
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                Configure(builder);
            });
        await HarisServer.InitializeAsync(App);
        await App.StartAsync();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var keys = App.Services.GetRequiredService<ApiKeyService>();
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
        foreach (var role in Roles.All)
        {
            _keys[role] = (await keys.CreateAsync("test-" + role, role, null, "fixture")).Plaintext;
            await TestServers.CreateUserAsync(users, UserFor(role), Password, role);
        }
    }

    /// <summary>Adds settings of a fixture's own, as haris.yaml would.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    /// <summary>A client that presents the API key of <paramref name="role"/>, or nothing when it is null.</summary>
    public HttpClient ClientFor(string? role)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", KeyFor(role));
        }

        return client;
    }

    /// <summary>A client signed in with the session cookie as the fixture's user of <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientFor(string role)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = UserFor(role), password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        TestServers.DeleteDataDirectory(DataDirectory);
    }
}
