using Microsoft.AspNetCore.Authorization;

namespace Haris.Server.Components;

/// <summary>
/// Authorizes a page for the role set an API class declares (<c>[AllowRoles(typeof(AlertsApi), nameof(AlertsApi.Readers))]</c>),
/// so that a page and the endpoints behind it cannot drift apart.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class AllowRolesAttribute : AuthorizeAttribute
{
    /// <summary>Reads the public static <c>string[]</c> field <paramref name="roleSet"/> of <paramref name="owner"/>.</summary>
    public AllowRolesAttribute(Type owner, string roleSet)
    {
        ArgumentNullException.ThrowIfNull(owner);
        RoleSet = owner.GetField(roleSet)?.GetValue(null) as string[]
            ?? throw new ArgumentException($"{owner.Name}.{roleSet} is not a public static string[] of roles", nameof(roleSet));
        Roles = string.Join(',', RoleSet);
    }

    /// <summary>The roles, as the API class lists them.</summary>
    public IReadOnlyList<string> RoleSet { get; }
}
