using Haris.Storage.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Tests.Tickets;

public sealed class TicketScanWriterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TicketScanRecord Scan(int n, string? ticket = "T1", string reason = "entered") => new()
    {
        At = TestDatabase.Start.AddSeconds(n).AddTicks(1234567),
        Venue = "dunes",
        Match = "m09",
        Gate = "n" + n,
        Direction = "in",
        Decision = reason == "entered" ? "admit" : "reject",
        Reason = reason,
        RedirectGate = reason == "wrong_gate" ? "w2" : null,
        TicketId = ticket,
        Zone = ticket is null ? null : "north-lower",
        TokenError = ticket is null ? "bad_signature" : null,
        Sensor = "api-key:turnstiles",
    };

    [Fact]
    public async Task Write_RowsReadBackThroughTheModel_WithEveryValueAndIdsInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = new TicketScanWriter(database.Contexts);
        List<TicketScanRecord> first = [Scan(1), Scan(2, null, "counterfeit"), Scan(3, "T2", "wrong_gate")];
        List<TicketScanRecord> second = [Scan(4, "T3")];

        await writer.WriteAsync(first, Cancel);
        await writer.WriteAsync(second, Cancel);

        Assert.Equal([1L, 2, 3, 4], first.Concat(second).Select(s => s.Id));
        await using var db = await database.Contexts.CreateDbContextAsync(Cancel);
        var stored = await db.TicketScans.AsNoTracking().OrderBy(s => s.Id).ToListAsync(Cancel);
        Assert.Equivalent(first.Concat(second), stored, strict: true);
        Assert.Equal(TestDatabase.Start.AddSeconds(2).AddTicks(1234567), stored[1].At);
        Assert.Equal(2, await db.TicketScans.CountAsync(s => s.At > TestDatabase.Start.AddSeconds(2).AddTicks(1234567), Cancel));
    }

    [Fact]
    public async Task Write_AfterRowsStoredBefore_ContinuesFromTheLargestId()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new TicketScanWriter(database.Contexts).WriteAsync([Scan(1), Scan(2)], Cancel);
        List<TicketScanRecord> later = [Scan(3)];

        // A new writer, as after a restart.
        await new TicketScanWriter(database.Contexts).WriteAsync(later, Cancel);

        Assert.Equal(3, later[0].Id);
    }

    [Fact]
    public async Task Write_BatchWithABadRow_StoresNothingOfIt_AndTheNextBatchStillWrites()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = new TicketScanWriter(database.Contexts);
        var bad = Scan(2);
        bad.Venue = null!;
        List<TicketScanRecord> batch = [Scan(1), bad, Scan(3)];

        await Assert.ThrowsAnyAsync<Exception>(() => writer.WriteAsync(batch, Cancel));
        await writer.WriteAsync([Scan(4)], Cancel);

        Assert.All(batch, s => Assert.Equal(0, s.Id));
        await using var db = await database.Contexts.CreateDbContextAsync(Cancel);
        Assert.Equal(["n4"], await db.TicketScans.Select(s => s.Gate).ToListAsync(Cancel));
    }
}
