using System.Net;
using System.Text;
using Haris.Core.Security;
using Haris.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

/// <summary>Every route × every role (and no sign-in at all), generated from the route table so a new route cannot be forgotten.</summary>
public sealed class AuthorizationMatrixTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void EveryRoute_DeclaresWhoMayCallIt()
    {
        var undeclared = Routes().Where(r => r.Allowed is null).Select(r => r.Display).ToList();

        Assert.True(undeclared.Count == 0, "routes without RequireRoles or AllowEveryone: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task EveryRoute_EveryRole_AllowedOrRefused()
    {
        var failures = new List<string>();
        var routes = Routes().Where(r => r.Allowed is not null).ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            foreach (var role in Roles.All.Cast<string?>().Append(null))
            {
                using var client = server.ClientFor(role);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
                if (route.Method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                var allowed = route.Allowed!.Anonymous || (role is not null && route.Allowed.Allows(role));
                var expected = allowed ? "any answer but 401/403" : role is null ? "401" : "403";
                var ok = allowed
                    ? status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                    : status == (role is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
                if (!ok)
                {
                    failures.Add($"{route.Display} as {role ?? "anonymous"}: {status}, expected {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task RevokedKey_IsRefused()
    {
        var keys = server.App.Services.GetRequiredService<Haris.Storage.ApiKeys.ApiKeyService>();
        var created = await keys.CreateAsync("to-revoke", Roles.Sensor, null, "test", TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Plaintext);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", TestContext.Current.CancellationToken)).StatusCode);

        await keys.RevokeAsync(created.Key.Id, "test", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    private sealed record Route(string Method, string Path, string Display, AllowedRoles? Allowed);

    private IEnumerable<Route> Routes()
    {
        foreach (var endpoint in server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var allowed = Combine(endpoint.Metadata.GetOrderedMetadata<AllowedRoles>());
            foreach (var method in methods)
            {
                var path = SamplePath(endpoint.RoutePattern);
                yield return new Route(method, path, $"{method} {endpoint.RoutePattern.RawText}", allowed);
            }
        }
    }

    // Group and endpoint declarations both apply, so a caller must pass all of them.
    private static AllowedRoles? Combine(IReadOnlyList<AllowedRoles> declared)
    {
        if (declared.Count == 0)
        {
            return null;
        }

        if (declared.Any(d => d.Anonymous))
        {
            return new AllowedRoles([], Anonymous: true);
        }

        IEnumerable<string> roles = declared[0].Roles;
        foreach (var d in declared.Skip(1))
        {
            roles = roles.Intersect(d.Roles, StringComparer.Ordinal);
        }

        return new AllowedRoles([.. roles]);
    }

    // Route values that parse for any constraint used here (ids are numbers, names are words).
    private static string SamplePath(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") ? "1" : "sample",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }
}
