using Haris.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Haris.Storage.Identity;

/// <summary>Creates the platform's roles; they come from code, not from seed data in a migration.</summary>
public static class HarisRoles
{
    /// <summary>Creates every role of <see cref="Roles.All"/> that does not exist yet; returns how many were created.</summary>
    /// <exception cref="InvalidOperationException">Identity refused to create a role.</exception>
    public static async Task<int> EnsureRolesAsync(this RoleManager<HarisRole> roleManager)
    {
        ArgumentNullException.ThrowIfNull(roleManager);
        var created = 0;
        foreach (var name in Roles.All)
        {
            if (await roleManager.RoleExistsAsync(name).ConfigureAwait(false))
            {
                continue;
            }

            var result = await roleManager.CreateAsync(new HarisRole(name)).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not create role '{name}': {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            created++;
        }

        return created;
    }
}
