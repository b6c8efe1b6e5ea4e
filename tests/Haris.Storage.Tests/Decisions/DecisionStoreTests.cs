using Haris.Storage.Decisions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haris.Storage.Tests.Decisions;

public sealed class DecisionStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    // One address has one spelling however it was typed, so the edge holds one entry for it.
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7/32", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    // Host bits of a block are cleared: the block is what is blocked.
    [InlineData("198.51.100.77/24", "198.51.100.0/24")]
    [InlineData("2001:DB8::1/32", "2001:db8::/32")]
    public async Task Decision_Created_ValueNormalised(string value, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);

        var decision = await store.CreateAsync(value, "SQL injection", "manual", "analyst1", cancellationToken: Token);

        Assert.Equal(expected, decision.Value);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("203.0.113.7/33")]
    [InlineData("127.1")]
    public async Task Decision_NotAnAddressOrBlock_Rejected(string value)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(value, "r", "manual", "analyst1", cancellationToken: Token));
    }

    [Fact]
    public async Task Decisions_ChangesSinceCursor_GiveNewThenRevoked()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);
        var first = await store.CreateAsync("203.0.113.7", "scanner", "rule:web-scanner", "system", TimeSpan.FromHours(4), cancellationToken: Token);
        await store.CreateAsync("198.51.100.9", "credential stuffing", "manual", "analyst1", cancellationToken: Token);

        var initial = await store.GetChangesAsync(0, cancellationToken: Token);
        Assert.Equal([1L, 2L], initial.Decisions.Select(d => d.Sequence));
        Assert.Equal(2, initial.Cursor);

        database.Time.Advance(TimeSpan.FromMinutes(10));
        await store.RevokeAsync(first.Id, "commander1", Token);

        var next = await store.GetChangesAsync(initial.Cursor, cancellationToken: Token);
        var revoked = Assert.Single(next.Decisions);
        Assert.Equal(first.Id, revoked.Id);
        Assert.Equal(3, revoked.Sequence);
        Assert.Equal(TestDatabase.Start.AddMinutes(10), revoked.RevokedAt);
        Assert.False(revoked.IsActiveAt(next.Now));
        Assert.Empty((await store.GetChangesAsync(next.Cursor, cancellationToken: Token)).Decisions);
    }

    [Fact]
    public async Task Decision_Expired_LeavesSnapshotWithoutANewChange()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);
        await store.CreateAsync("203.0.113.7", "flood", "automatic", "system", TimeSpan.FromHours(1), cancellationToken: Token);
        await store.CreateAsync("198.51.100.9", "manual block", "manual", "analyst1", cancellationToken: Token);
        Assert.Equal(2, (await store.GetActiveAsync(Token)).Decisions.Count);

        database.Time.Advance(TimeSpan.FromHours(2));

        var snapshot = await store.GetActiveAsync(Token);
        Assert.Equal("198.51.100.9", Assert.Single(snapshot.Decisions).Value);
        Assert.Equal(2, snapshot.Cursor);

        // A consumer that had not seen it yet still gets it, with its end, and drops it by the store's clock.
        var changes = await store.GetChangesAsync(0, cancellationToken: Token);
        Assert.False(changes.Decisions[0].IsActiveAt(changes.Now));
        Assert.Empty((await store.GetChangesAsync(2, cancellationToken: Token)).Decisions);
    }

    [Fact]
    public async Task Decision_RevokedTwice_KeepsFirstRevocation()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);
        var decision = await store.CreateAsync("203.0.113.7", "r", "manual", "analyst1", cancellationToken: Token);

        var first = await store.RevokeAsync(decision.Id, "commander1", Token);
        var second = await store.RevokeAsync(decision.Id, "commander2", Token);

        Assert.Equal("commander1", second!.RevokedBy);
        Assert.Equal(first!.Sequence, second.Sequence);
        Assert.Null(await store.RevokeAsync(999, "commander1", Token));
    }

    [Fact]
    public async Task Decisions_CreatedConcurrently_EachTakesItsOwnSequence()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);

        await Task.WhenAll(Enumerable.Range(1, 24).Select(i =>
            Task.Run(() => store.CreateAsync($"203.0.113.{i}", "r", "automatic", "system", cancellationToken: Token), Token)));

        var changes = await store.GetChangesAsync(0, cancellationToken: Token);
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), changes.Decisions.Select(d => d.Sequence));
    }

    [Fact]
    public async Task Decisions_ChangesInBatches_CursorResumesWhereBatchEnded()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var store = NewStore(database);
        for (var i = 1; i <= 5; i++)
        {
            await store.CreateAsync($"203.0.113.{i}", "r", "automatic", "system", cancellationToken: Token);
        }

        var first = await store.GetChangesAsync(0, limit: 2, cancellationToken: Token);
        var second = await store.GetChangesAsync(first.Cursor, limit: 2, cancellationToken: Token);
        var third = await store.GetChangesAsync(second.Cursor, limit: 2, cancellationToken: Token);

        Assert.Equal(["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"],
            first.Decisions.Concat(second.Decisions).Concat(third.Decisions).Select(d => d.Value));
        Assert.Equal(5, third.Cursor);
    }

    private static DecisionStore NewStore(TestDatabase database) =>
        new(database.Contexts, database.Time, NullLogger<DecisionStore>.Instance);
}
