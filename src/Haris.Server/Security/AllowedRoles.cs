using Haris.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Haris.Server.Security;

/// <summary>Endpoint metadata naming the roles that may call it; anonymous endpoints say so with <see cref="Anonymous"/>.</summary>
/// <remarks>
/// Every route carries one, which is what lets a test walk the route table and try every role against every route: a
/// route added without declaring its roles fails that test instead of being silently open or closed.
/// </remarks>
public sealed record AllowedRoles(IReadOnlyList<string> Roles, bool Anonymous = false)
{
    /// <summary>Whether a caller holding <paramref name="role"/> passes.</summary>
    public bool Allows(string role) => Anonymous || Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>Declares, on an endpoint or a group, who may call it.</summary>
public static class AllowedRolesExtensions
{
    /// <summary>Only callers holding one of <paramref name="roles"/>; anyone else gets 401 (not signed in) or 403.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var role in roles)
        {
            if (!Roles.IsKnown(role))
            {
                throw new ArgumentException($"unknown role '{role}'", nameof(roles));
            }
        }

        builder.WithMetadata(new AllowedRoles(roles));
        return builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });
    }

    /// <summary>Anyone, signed in or not.</summary>
    public static TBuilder AllowEveryone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new AllowedRoles([], Anonymous: true));
        return builder.AllowAnonymous();
    }
}
