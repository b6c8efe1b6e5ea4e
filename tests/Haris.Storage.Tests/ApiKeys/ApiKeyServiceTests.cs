using System.Security.Cryptography;
using System.Text;
using Haris.Core.Security;
using Haris.Storage.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Tests.ApiKeys;

public sealed class ApiKeyServiceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiKey_Created_StoredOnlyAsHash()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Contexts, database.Time);

        var created = await service.CreateAsync("gate-c scanner", Roles.Sensor, "lusail", "admin", Token);

        Assert.Matches("^hk_[A-Za-z0-9_-]{43}$", created.Plaintext);
        Assert.DoesNotContain(created.Plaintext, created.ToString(), StringComparison.Ordinal);
        await using (var db = database.CreateContext())
        {
            var stored = await db.ApiKeys.SingleAsync(Token);
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(created.Plaintext)), stored.KeyHash);
            Assert.Equal(created.Plaintext[..6], stored.Prefix);
            Assert.Equal(Roles.Sensor, stored.Role);
            Assert.Equal("lusail", stored.Venue);
        }

        // Nothing of the secret part beyond the displayed prefix is in the database or its write-ahead log.
        var secret = Encoding.UTF8.GetBytes(created.Plaintext[6..]);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database.Options.SqliteDatabasePath)!))
        {
            Assert.Equal(-1, (await File.ReadAllBytesAsync(file, Token)).AsSpan().IndexOf(secret));
        }
    }

    [Fact]
    public async Task ApiKey_Found_RecordsUseAtMostOnceAMinute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Contexts, database.Time);
        var created = await service.CreateAsync("partner feed", Roles.PartnerLiaison, null, "admin", Token);

        var found = await service.FindAsync(created.Plaintext, Token);
        Assert.Equal(created.Key.Id, found!.Id);
        Assert.Equal(TestDatabase.Start, found.LastUsedAt);

        database.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TestDatabase.Start, (await service.FindAsync(created.Plaintext, Token))!.LastUsedAt);

        database.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TestDatabase.Start.AddMinutes(1), (await service.FindAsync(created.Plaintext, Token))!.LastUsedAt);
    }

    [Fact]
    public async Task ApiKey_Revoked_NoLongerFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Contexts, database.Time);
        var created = await service.CreateAsync("old sensor", Roles.Sensor, null, "admin", Token);

        Assert.True(await service.RevokeAsync(created.Key.Id, "admin", Token));
        Assert.False(await service.RevokeAsync(created.Key.Id, "admin", Token));
        Assert.Null(await service.FindAsync(created.Plaintext, Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hk_short")]
    // Right length, wrong prefix: a key of another system pasted by mistake.
    [InlineData("ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    // Right shape, never issued.
    [InlineData("hk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    // Right length, but not base64url.
    [InlineData("hk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/")]
    public async Task ApiKey_UnknownOrMalformed_NotFound(string? plaintext)
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Contexts, database.Time);
        await service.CreateAsync("sensor", Roles.Sensor, null, "admin", Token);

        Assert.Null(await service.FindAsync(plaintext, Token));
    }

    [Fact]
    public async Task ApiKey_UnknownRole_Rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Contexts, database.Time);

        await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync("k", "root", null, "admin", Token));
    }
}
