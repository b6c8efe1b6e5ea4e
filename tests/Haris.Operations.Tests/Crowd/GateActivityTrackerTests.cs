using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class GateActivityTrackerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 11, 19, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Count_WindowEdges_AfterStartUpToAndIncludingNow()
    {
        var tracker = new GateActivityTracker();
        tracker.Record(new GateScan(s_now.AddSeconds(-60), "A", GateScanOutcome.Admitted)); // exactly a minute ago: outside
        tracker.Record(new GateScan(s_now.AddSeconds(-59), "A", GateScanOutcome.Admitted)); // inside
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Admitted)); // now: inside
        tracker.Record(new GateScan(s_now.AddSeconds(1), "A", GateScanOutcome.Admitted)); // a scanner clock ahead: not yet

        Assert.Equal(2, tracker.Count("A", s_minute, s_now).Admitted);
        Assert.Equal(3, tracker.Count("A", TimeSpan.FromSeconds(61), s_now).Admitted);
    }

    [Fact]
    public void Count_Outcomes_KeptApart()
    {
        var tracker = new GateActivityTracker();
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Admitted));
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Counterfeit));
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Counterfeit));
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Duplicate));
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Rejected));
        tracker.Record(new GateScan(s_now, "B", GateScanOutcome.Admitted));

        var counts = tracker.Count("A", s_minute, s_now);

        Assert.Equal((1, 2, 1, 1, 5), (counts.Admitted, counts.Counterfeit, counts.Duplicate, counts.Rejected, counts.Scans));
        Assert.Equal(0.4, counts.CounterfeitShare, 9); // 2 of 5
        Assert.Equal(["A", "B"], tracker.Gates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Count_UnknownGate_AllZero()
    {
        var counts = new GateActivityTracker().Count("nowhere", s_minute, s_now);

        Assert.Equal(0, counts.Scans);
        Assert.Equal(0, counts.CounterfeitShare);
    }

    [Fact]
    public void Record_OlderThanTheRing_DroppedAndCounted()
    {
        // Five minutes plus a minute of slack: 360 one-second slots. A scan 360 s later takes the same slot, after
        // which a scan for the older second is too late to count.
        var tracker = new GateActivityTracker(TimeSpan.FromMinutes(5));
        tracker.Record(new GateScan(s_now.AddSeconds(360), "A", GateScanOutcome.Admitted));
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Admitted));

        Assert.Equal(1, tracker.LateScans);
        Assert.Equal(0, tracker.Count("A", s_minute, s_now).Admitted);
    }

    [Fact]
    public void Count_OldSecondsLeftInTheRing_NotCounted()
    {
        var tracker = new GateActivityTracker(TimeSpan.FromMinutes(5));
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Admitted));

        // Ten minutes later the slot still holds that scan's second, which is not one of the window's.
        Assert.Equal(0, tracker.Count("A", TimeSpan.FromMinutes(5), s_now.AddMinutes(10)).Admitted);
    }

    [Fact]
    public void Count_WindowBeyondHorizon_Throws()
    {
        var tracker = new GateActivityTracker(TimeSpan.FromMinutes(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Count("A", TimeSpan.FromMinutes(6), s_now));
    }

    [Fact]
    public void LastScanAt_AnyOutcome_LatestTime()
    {
        var tracker = new GateActivityTracker();
        tracker.Record(new GateScan(s_now, "A", GateScanOutcome.Admitted));
        tracker.Record(new GateScan(s_now.AddSeconds(30), "A", GateScanOutcome.Counterfeit));
        tracker.Record(new GateScan(s_now.AddSeconds(10), "A", GateScanOutcome.Admitted)); // arrives late, is older

        Assert.Equal(s_now.AddSeconds(30), tracker.LastScanAt("A"));
        Assert.Null(tracker.LastScanAt("B"));
    }

    [Fact]
    public void Record_ManyThreadsAtOnce_CountsExact()
    {
        var tracker = new GateActivityTracker();
        Parallel.For(0, 60_000, i =>
            tracker.Record(new GateScan(s_now.AddSeconds(-(i % 60)), i % 2 == 0 ? "A" : "B", GateScanOutcome.Admitted)));

        // 60,000 scans over the last 60 seconds, half at each gate.
        Assert.Equal(30_000, tracker.Count("A", s_minute, s_now).Admitted);
        Assert.Equal(30_000, tracker.Count("B", s_minute, s_now).Admitted);
    }
}
