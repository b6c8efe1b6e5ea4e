using Haris.Core.Allowlist;
using Haris.Storage.Allowlist;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Tests.Allowlist;

public sealed class AllowlistEntryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Allowlist_ActiveEntriesForAddress_ExcludeExpiredAndOtherRules()
    {
        await using var database = await TestDatabase.CreateAsync();
        var t = TestDatabase.Start;
        await using var db = database.CreateContext();
        db.AllowlistEntries.AddRange(
            AllowlistEntry.Create(AllowlistScope.SourceIp, "::ffff:192.0.2.10", "partner's vulnerability scanner", "admin", t, ruleId: "web-scanner"),
            AllowlistEntry.Create(AllowlistScope.SourceIp, "192.0.2.10", "monitoring probe", "admin", t, expiresAt: t.AddHours(1)),
            AllowlistEntry.Create(AllowlistScope.Cidr, "192.0.2.77/24", "office", "admin", t));
        await db.SaveChangesAsync(Token);

        var now = t.AddHours(2);
        var entries = await db.AllowlistEntries
            .Where(e => e.Value == "192.0.2.10" && (e.ExpiresAt == null || e.ExpiresAt > now))
            .ToListAsync(Token);

        Assert.Equal("web-scanner", Assert.Single(entries).RuleId);
        Assert.Equal("192.0.2.0/24", await db.AllowlistEntries.Where(e => e.Scope == AllowlistScope.Cidr).Select(e => e.Value).SingleAsync(Token));
    }

    [Theory]
    [InlineData(AllowlistScope.SourceIp, "not-an-address")]
    [InlineData(AllowlistScope.Path, "admin/login")]
    [InlineData(AllowlistScope.Rule, "   ")]
    public void Allowlist_InvalidValue_Rejected(AllowlistScope scope, string value) =>
        Assert.Throws<ArgumentException>(() => AllowlistEntry.Create(scope, value, "r", "admin", TestDatabase.Start));
}
