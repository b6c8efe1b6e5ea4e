using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haris.Core.Security;

namespace Haris.Server.Tests;

public sealed class AlertsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    // A level that does not exist: the answer names the parameter and the allowed values.
    [InlineData("/api/v1/alerts?level=severe", "level must be one of")]
    [InlineData("/api/v1/alerts?status=open", "status must be one of")]
    [InlineData("/api/v1/alerts?page_size=5000", "page_size")]
    public async Task List_BadQuery_Is400SayingWhatAndWhere(string path, string detail)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var response = await analyst.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatus_UnknownValue_Is400NamingTheAllowedValues()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var response = await analyst.PostAsJsonAsync("/api/v1/alerts/nope/status", new { status = "resolved" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("new, acknowledged", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownId_Is404()
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var response = await analyst.GetAsync("/api/v1/alerts/0123456789abcdef", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
