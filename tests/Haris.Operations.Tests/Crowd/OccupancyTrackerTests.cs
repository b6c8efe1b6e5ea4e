using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class OccupancyTrackerTests
{
    private static readonly DateTimeOffset s_time = new(2026, 6, 11, 18, 0, 0, TimeSpan.Zero);

    private static OccupancyScan Scan(ScanDirection direction, PerimeterRing? perimeter, params string[] zones) =>
        new(s_time, "gate-a", zones, perimeter, direction);

    [Fact]
    public void Record_EntriesAndExits_InsideIsAdmittedMinusExited()
    {
        var tracker = new OccupancyTracker("stadium-a", "m1");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Inner, "north")));
        }

        Assert.True(tracker.Record(Scan(ScanDirection.Exit, PerimeterRing.Inner, "north")));

        var north = tracker.Snapshot().Zone("north");
        Assert.Equal(new OccupancyCount(3, 1, 0), north);
        Assert.Equal(2, north.Inside); // 3 admitted − 1 exited
        Assert.Equal(2, tracker.Inside(PerimeterRing.Inner));
    }

    [Fact]
    public void Record_ExitWithoutEntry_StaysAtZeroAndCountsAnAnomaly()
    {
        var tracker = new OccupancyTracker("stadium-a", "m1");

        Assert.False(tracker.Record(Scan(ScanDirection.Exit, PerimeterRing.Inner, "north")));
        Assert.True(tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Inner, "north")));

        var snapshot = tracker.Snapshot();

        // The unmatched exit is not subtracted: the one person who then came in is inside.
        Assert.Equal(new OccupancyCount(1, 0, 1), snapshot.Zone("north"));
        Assert.Equal(1, snapshot.Zone("north").Inside);
        Assert.Equal(new OccupancyCount(1, 0, 1), snapshot.Inner);
        Assert.Equal(2, snapshot.UnmatchedExits); // one on the zone, one on the inner perimeter
    }

    [Fact]
    public void Record_PerimetersAndNestedZones_CountedSeparately()
    {
        var tracker = new OccupancyTracker("stadium-a", "m1");

        // Two fans through the outer check point; one of them on through a turnstile into a block of the north stand.
        tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Outer));
        tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Outer));
        tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Inner, "north", "north-n3"));

        var snapshot = tracker.Snapshot();
        Assert.Equal(2, snapshot.Outer.Inside); // inside the outer ring counts everyone who crossed it, the inner ring's too
        Assert.Equal(1, snapshot.Inner.Inside);
        Assert.Equal(1, snapshot.Zone("north").Inside);
        Assert.Equal(1, snapshot.Zone("north-n3").Inside);
        Assert.Equal(s_time, snapshot.LastScanAt);
    }

    [Fact]
    public void Record_ZoneGateWithoutPerimeter_MovesOnlyTheZone()
    {
        var tracker = new OccupancyTracker("stadium-a", "m1");
        tracker.Record(Scan(ScanDirection.Entry, null, "hospitality"));

        var snapshot = tracker.Snapshot();
        Assert.Equal(1, snapshot.Zone("hospitality").Inside);
        Assert.Equal(default, snapshot.Inner);
        Assert.Equal(default, snapshot.Outer);
    }

    [Fact]
    public void Snapshot_KnownZones_ListedBeforeAnyoneEnters()
    {
        var tracker = new OccupancyTracker("stadium-a", "m1", ["north", "south"]);

        var snapshot = tracker.Snapshot();

        Assert.Equal(["north", "south"], snapshot.Zones.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, snapshot.Zone("south").Inside);
        Assert.Null(snapshot.LastScanAt);
    }

    [Fact]
    public async Task Record_ManyThreadsAtOnce_TotalsExact()
    {
        const int Fans = 100_000;
        var tracker = new OccupancyTracker("stadium-a", "m1", ["north"]);
        var torn = 0;
        using var done = new CancellationTokenSource();

        // While the scanners run, snapshots must never show a crossing half applied: the inner ring and the only zone
        // behind it move together.
        var reader = Task.Run(
            () =>
            {
                while (!done.IsCancellationRequested)
                {
                    var snapshot = tracker.Snapshot();
                    if (snapshot.Inner.Inside != snapshot.Zone("north").Inside)
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
            },
            TestContext.Current.CancellationToken);

        Parallel.For(0, Fans, i =>
        {
            tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Outer));
            tracker.Record(Scan(ScanDirection.Entry, PerimeterRing.Inner, "north"));
            if (i % 4 == 0)
            {
                // This fan's own entry is already counted, so the exit always finds someone inside.
                Assert.True(tracker.Record(Scan(ScanDirection.Exit, PerimeterRing.Inner, "north")));
            }
        });
        done.Cancel();
        await reader;

        var snapshot = tracker.Snapshot();
        Assert.Equal(new OccupancyCount(Fans, 0, 0), snapshot.Outer);
        Assert.Equal(new OccupancyCount(Fans, Fans / 4, 0), snapshot.Inner); // 100,000 in, every fourth (25,000) out
        Assert.Equal(75_000, snapshot.Zone("north").Inside); // 100,000 − 25,000
        Assert.Equal(0, snapshot.UnmatchedExits);
        Assert.Equal(0, torn);
    }

    [Fact]
    public void Record_ManyThreadsExitingMoreThanEntered_NeverBelowZero()
    {
        var tracker = new OccupancyTracker("stadium-a", "m1");
        for (var i = 0; i < 1_000; i++)
        {
            tracker.Record(Scan(ScanDirection.Entry, null, "north"));
        }

        var unmatched = 0;
        Parallel.For(0, 3_000, _ =>
        {
            if (!tracker.Record(Scan(ScanDirection.Exit, null, "north")))
            {
                Interlocked.Increment(ref unmatched);
            }
        });

        // 3,000 exits against 1,000 inside: 1,000 match, 2,000 are anomalies, and the zone stops at zero.
        Assert.Equal(new OccupancyCount(1_000, 1_000, 2_000), tracker.Snapshot().Zone("north"));
        Assert.Equal(2_000, unmatched);
    }
}
