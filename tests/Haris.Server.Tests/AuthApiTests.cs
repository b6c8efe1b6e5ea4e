using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Server.Security;
using Haris.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class AuthApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_RightPassword_SetsACookieThatIdentifiesTheUser()
    {
        using var client = await server.SignedInClientFor(Roles.Commander);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", Cancel);

        Assert.Equal(ServerFixture.UserFor(Roles.Commander), me.GetProperty("name").GetString());
        Assert.Equal(Roles.Commander, me.GetProperty("role").GetString());
        Assert.Equal("cookie", me.GetProperty("authenticated_by").GetString());
    }

    [Fact]
    public async Task Login_WrongPassword_Is401WithAProblemAndAnAuditEntry()
    {
        using var client = server.ClientFor(null);

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = ServerFixture.UserFor(Roles.Steward), password = "not the password" }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var verification = await server.App.Services.GetRequiredService<AuditLog>().VerifyAsync(Cancel);
        Assert.True(verification.IsIntact);
        Assert.True(verification.Count > 0);
    }

    [Fact]
    public async Task Login_FiveFailures_LockTheAccountEvenForTheRightPassword()
    {
        using var client = server.ClientFor(null);
        var user = ServerFixture.UserFor(Roles.PartnerLiaison);
        for (var i = 0; i < HarisAuthentication.MaxFailedSignIns; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = user, password = "guess " + i }, Cancel);
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = user, password = ServerFixture.Password }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_MalformedBody_Is400NotAStackTrace()
    {
        using var client = server.ClientFor(null);

        var response = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"user_name\": ", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(" at ", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        using var client = await server.SignedInClientFor(Roles.Operator);

        var logout = await client.PostAsync("/api/v1/auth/logout", null, Cancel);
        var me = await client.GetAsync("/api/v1/auth/me", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Health_AnswersWithoutSignIn()
    {
        using var client = server.ClientFor(null);

        var health = await client.GetFromJsonAsync<JsonElement>("/health", Cancel);

        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheApi()
    {
        using var client = server.ClientFor(null);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/auth/login", out _));
    }
}

public sealed class LoginThrottleTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Login_TooManyAttemptsFromOneAddress_Is429WithRetryAfter()
    {
        using var client = server.ClientFor(null);
        HttpResponseMessage? last = null;
        for (var i = 0; i <= HarisAuthentication.LoginAttemptsPerMinute; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/auth/login", new { user_name = "nobody-" + i, password = "x" }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
    }
}
