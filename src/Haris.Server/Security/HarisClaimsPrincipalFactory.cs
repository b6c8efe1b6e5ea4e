using System.Security.Claims;
using Haris.Storage;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haris.Server.Security;

/// <summary>Puts on a signed-in person's session the venues they are limited to, as venue-scoped API keys carry them.</summary>
/// <remarks>The venues are read at sign-in (and when Identity re-validates the cookie), so a change applies from then on.</remarks>
internal sealed class HarisClaimsPrincipalFactory(
    UserManager<HarisUser> users,
    RoleManager<HarisRole> roles,
    IOptions<IdentityOptions> options,
    IDbContextFactory<HarisDbContext> contexts)
    : UserClaimsPrincipalFactory<HarisUser, HarisRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HarisUser user)
    {
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(new Claim(HarisClaims.AuthenticationKind, "cookie"));
        await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
        var venues = await db.UserVenues.AsNoTracking().Where(v => v.UserId == user.Id).Select(v => v.Venue).ToListAsync().ConfigureAwait(false);
        foreach (var venue in venues)
        {
            identity.AddClaim(new Claim(HarisClaims.Venue, venue));
        }

        return identity;
    }
}
