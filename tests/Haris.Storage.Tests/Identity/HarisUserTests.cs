using Haris.Storage.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Tests.Identity;

public sealed class HarisUserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task User_ScopedToVenues_FoundByVenueAndRowsGoWithUser()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var user = new HarisUser { UserName = "op.lusail", DisplayName = "عمر", PreferredLanguage = "ar" };
        user.Venues.Add(new HarisUserVenue { UserId = user.Id, Venue = "lusail" });
        user.Venues.Add(new HarisUserVenue { UserId = user.Id, Venue = "al-bayt" });
        db.Users.Add(user);
        db.Users.Add(new HarisUser { UserName = "commander" });
        await db.SaveChangesAsync(Token);

        Assert.Equal(["op.lusail"], await db.UserVenues.Where(v => v.Venue == "lusail").Select(v => v.User!.UserName).ToListAsync(Token));

        db.Users.Remove(user);
        await db.SaveChangesAsync(Token);
        Assert.Empty(await db.UserVenues.ToListAsync(Token));
    }
}
