using Microsoft.AspNetCore.Identity;

namespace Haris.Storage.Identity;

/// <summary>A role from <see cref="Core.Security.Roles"/>, as ASP.NET Core Identity stores it.</summary>
public sealed class HarisRole : IdentityRole
{
    /// <summary>Creates a role with no name, for Identity and EF Core.</summary>
    public HarisRole()
    {
    }

    /// <summary>Creates a role with the given name.</summary>
    public HarisRole(string roleName)
        : base(roleName)
    {
    }
}
