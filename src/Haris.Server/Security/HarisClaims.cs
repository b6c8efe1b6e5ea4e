using System.Security.Claims;
using Haris.Core.Security;

namespace Haris.Server.Security;

/// <summary>The claims Haris puts on a caller, and what it reads back from them.</summary>
public static class HarisClaims
{
    /// <summary>A venue the caller is limited to; a caller without one sees every venue.</summary>
    public const string Venue = "haris:venue";

    /// <summary>How the caller signed in: <c>cookie</c> for people, <c>api-key</c> for machines.</summary>
    public const string AuthenticationKind = "haris:auth";

    /// <summary>The name written to the audit log for this caller: the user name, or <c>api-key:NAME</c>.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "anonymous";
        return user.FindFirst(AuthenticationKind)?.Value == "api-key" ? "api-key:" + name : name;
    }

    /// <summary>The venues the caller is limited to; empty means every venue.</summary>
    public static IReadOnlyList<string> Venues(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(Venue).Select(c => c.Value)];
    }

    /// <summary>Whether the caller may see or act on <paramref name="venue"/>; venue-less records are visible to all.</summary>
    public static bool MaySee(this ClaimsPrincipal user, string? venue)
    {
        if (venue is null)
        {
            return true;
        }

        var venues = user.Venues();
        return venues.Count == 0 || venues.Contains(venue, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The caller's one role (each user and key has exactly one).</summary>
    public static string? Role(this ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole);
}
