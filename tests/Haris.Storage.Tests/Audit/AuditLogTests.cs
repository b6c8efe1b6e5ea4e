using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Haris.Storage.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haris.Storage.Tests.Audit;

public sealed class AuditLogTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audit_Empty_VerifiesIntactWithNoHead()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();

        var result = await log.VerifyAsync(Token);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.Count);
        Assert.Null(result.HeadHash);
    }

    [Fact]
    public async Task Audit_Appended_ChainsEachEntryToThePrevious()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();

        var first = await log.AppendAsync("analyst1", "decision.create", "decision", "1", new JsonObject { ["value"] = "203.0.113.7" }, Token);
        var second = await log.AppendAsync("commander1", "incident.transition", "incident", "42", new JsonObject { ["from"] = "reported", ["to"] = "acknowledged" }, Token);

        Assert.Equal((1L, AuditLog.GenesisHash), (first.Sequence, first.PreviousHash));
        Assert.Equal((2L, first.Hash), (second.Sequence, second.PreviousHash));
        var result = await log.VerifyAsync(Token);
        Assert.True(result.IsIntact);
        Assert.Equal(2, result.Count);
        Assert.Equal(second.Hash, result.HeadHash);
    }

    [Fact]
    public async Task Audit_Hash_FollowsDocumentedCanonicalForm()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();
        // 7 ticks past the microsecond: PostgreSQL would drop them, so the entry must not hash them.
        database.Time.Advance(TimeSpan.FromTicks(1_234_567));

        var entry = await log.AppendAsync("عمر", "user.create", "user", null, new JsonObject { ["name"] = "عمر \"o\"" }, Token);

        Assert.Equal(TestDatabase.Start.AddTicks(1_234_560), entry.At);
        Assert.Equal("""{"name":"عمر \"o\""}""", entry.Details);

        // docs/storage.md: each field as a 4-byte big-endian length and its UTF-8 bytes, null as 0xFFFFFFFF.
        var canonical = new List<byte>();
        foreach (var field in new[] { "1", "2026-06-11T15:00:00.1234560+00:00", "عمر", "user.create", "user", null, entry.Details, AuditLog.GenesisHash })
        {
            var length = new byte[4];
            if (field is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
                canonical.AddRange(length);
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            canonical.AddRange(length);
            canonical.AddRange(bytes);
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. canonical])), entry.Hash);
        await using var db = database.CreateContext();
        var stored = await db.AuditEntries.SingleAsync(Token);
        Assert.Equal(entry.At, stored.At);
        Assert.Equal(entry.Hash, AuditLog.ComputeHash(stored));
    }

    [Fact]
    public async Task Audit_RowEditedWithSql_VerifyNamesFirstBadEntry()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();
        await AppendAsync(log, 5);

        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 3", Token);
        }

        var result = await log.VerifyAsync(Token);

        Assert.Equal(AuditFault.HashMismatch, result.Fault);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Equal(2, result.Count);
        Assert.False(result.IsIntact);
    }

    [Fact]
    public async Task Audit_EditedRowRehashed_VerifyReportsBrokenLinkAfterIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();
        await AppendAsync(log, 5);

        await using (var db = database.CreateContext())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == 3, Token);
            entry.Actor = "mallory";
            entry.Hash = AuditLog.ComputeHash(entry);
            await db.SaveChangesAsync(Token);
        }

        var result = await log.VerifyAsync(Token);

        Assert.Equal((AuditFault.BrokenLink, 4L, 3L), (result.Fault, result.FirstBadSequence, result.Count));
    }

    [Fact]
    public async Task Audit_RowDeleted_VerifyReportsGap()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();
        await AppendAsync(log, 5);

        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE sequence = 3", Token);
        }

        var result = await log.VerifyAsync(Token);

        Assert.Equal((AuditFault.SequenceGap, 4L, 2L), (result.Fault, result.FirstBadSequence, result.Count));
    }

    [Fact]
    public async Task Audit_VerifyInBatches_FindsFaultPastTheFirstBatch()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();
        await AppendAsync(log, 10);

        Assert.Equal(10, (await log.VerifyAsync(batchSize: 4, Token)).Count);

        await using (var db = database.CreateContext())
        {
            var forged = """{"to":"closed"}""";
            await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET details = {forged} WHERE sequence = 9", Token);
        }

        var result = await log.VerifyAsync(batchSize: 4, Token);
        Assert.Equal((AuditFault.HashMismatch, 9L, 8L), (result.Fault, result.FirstBadSequence, result.Count));
    }

    [Fact]
    public async Task Audit_ConcurrentAppends_ChainStaysIntact()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var log = database.AuditLog();

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => log.AppendAsync($"user{i}", "incident.comment", "incident", "1", cancellationToken: Token), Token)));

        var result = await log.VerifyAsync(Token);
        Assert.True(result.IsIntact, result.Detail);
        Assert.Equal(64, result.Count);
    }

    // Two logs with their own gates and connection pools stand for two processes on one file: SQLite's write lock,
    // taken when each append's transaction begins, must keep them from reading the same last entry.
    [Fact]
    public async Task Audit_TwoWritersOnOneDatabase_ChainStaysIntact()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var first = database.AuditLog();
        using var second = new AuditLog(
            new PooledDbContextFactory<HarisDbContext>(HarisStorage.CreateOptions(database.Options)), database.Time, NullLogger<AuditLog>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).AppendAsync($"user{i}", "decision.create", "decision", null, cancellationToken: Token), Token)));

        var result = await first.VerifyAsync(Token);
        Assert.True(result.IsIntact, result.Detail);
        Assert.Equal(40, result.Count);
    }

    private static async Task AppendAsync(AuditLog log, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync("operator1", "incident.comment", "incident", i.ToString(CultureInfo.InvariantCulture),
                new JsonObject { ["text"] = $"note {i}" }, Token);
        }
    }
}
