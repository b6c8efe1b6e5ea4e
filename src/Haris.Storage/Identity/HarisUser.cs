using Microsoft.AspNetCore.Identity;

namespace Haris.Storage.Identity;

/// <summary>A person who signs in to Haris; the password hash and lockout are ASP.NET Core Identity's.</summary>
public sealed class HarisUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>The user's interface language as a BCP 47 tag (<c>ar</c>, <c>fr</c>, <c>en</c>); null for the default.</summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>The venues the user is limited to; none means every venue.</summary>
    public List<HarisUserVenue> Venues { get; set; } = [];
}
