using Haris.Storage.Identity;
using Microsoft.AspNetCore.Identity;

namespace Haris.TestSupport;

/// <summary>What the fixtures that run a real server in the test process share: seeding accounts and cleaning up.</summary>
internal static class TestServers
{
    /// <summary>Creates <paramref name="userName"/> with <paramref name="role"/>; fails the test with Identity's reasons when it cannot.</summary>
    public static async Task CreateUserAsync(UserManager<HarisUser> users, string userName, string password, string role)
    {
        var user = new HarisUser { UserName = userName };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    /// <summary>Releases the SQLite connections a stopped server pooled and deletes its data folder.</summary>
    public static void DeleteDataDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment is left to the temp cleaner.
        }
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}
