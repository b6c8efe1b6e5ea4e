using System.Security.Claims;
using System.Text.Json.Nodes;
using Haris.Core.Security;
using Haris.Server.Security;
using Haris.Storage.Audit;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Haris.Server.Api;

/// <summary><c>/api/v1/auth</c>: sign in with a password (sets the session cookie), sign out, and who am I.</summary>
public static class AuthApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth").WithTags("Authentication");
        group.MapPost("/login", LoginAsync).AllowEveryone().RequireRateLimiting(HarisAuthentication.LoginThrottle);
        group.MapPost("/logout", LogoutAsync).RequireRoles([.. Roles.All]);
        group.MapGet("/me", Me).RequireRoles([.. Roles.All]);
        return routes;
    }

    /// <summary>A sign-in request.</summary>
    public sealed record LoginRequest(string? UserName, string? Password);

    /// <summary>Who the caller is.</summary>
    public sealed record Caller(string Name, string? Role, IReadOnlyList<string> Venues, string AuthenticatedBy);

    internal static async Task<Results<Ok<Caller>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<HarisUser> signIn, UserManager<HarisUser> users, AuditLog audit, HttpContext http)
    {
        if (string.IsNullOrEmpty(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("user_name and password are both required");
        }

        var user = await users.FindByNameAsync(request.UserName).ConfigureAwait(false);
        if (user is null)
        {
            return Problems.Unauthorized("invalid user name or password");
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        var client = http.Connection.RemoteIpAddress?.ToString();
        if (!result.Succeeded)
        {
            await audit.AppendAsync(
                user.UserName!, result.IsLockedOut ? "auth.locked_out" : "auth.login_failed", "user", user.Id,
                new JsonObject { ["client"] = client }, http.RequestAborted).ConfigureAwait(false);
            return Problems.Unauthorized(result.IsLockedOut
                ? $"too many failed sign-ins: the account is locked for {HarisAuthentication.LockoutDuration.TotalMinutes:0} minutes"
                : "invalid user name or password");
        }

        await audit.AppendAsync(user.UserName!, "auth.login", "user", user.Id, new JsonObject { ["client"] = client }, http.RequestAborted)
            .ConfigureAwait(false);
        // The answer says what the session now carries: the claims the sign-in just issued.
        var principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
        return TypedResults.Ok(new Caller(user.UserName!, principal.Role(), principal.Venues(), "cookie"));
    }

    internal static async Task<NoContent> LogoutAsync(SignInManager<HarisUser> signIn, AuditLog audit, ClaimsPrincipal caller, HttpContext http)
    {
        if (caller.FindFirst(HarisClaims.AuthenticationKind)?.Value != "api-key")
        {
            await signIn.SignOutAsync().ConfigureAwait(false);
            await audit.AppendAsync(caller.Actor(), "auth.logout", "user", caller.FindFirstValue(ClaimTypes.NameIdentifier), null, http.RequestAborted)
                .ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }

    internal static Ok<Caller> Me(ClaimsPrincipal caller) =>
        TypedResults.Ok(new Caller(
            caller.Identity?.Name ?? "",
            caller.Role(),
            caller.Venues(),
            caller.FindFirst(HarisClaims.AuthenticationKind)?.Value ?? "cookie"));
}
