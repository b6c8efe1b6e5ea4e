using Haris.Operations.Crowd;
using Haris.Simulation.Ingress;

namespace Haris.Simulation.Tests.Ingress;

public sealed class SortedArrivalsTests
{
    private static readonly DateTimeOffset s_kickOff = new(2026, 6, 18, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_from = s_kickOff - TimeSpan.FromHours(3);

    [Fact]
    public void TryNext_DrawsExactlyTheCount_InOrder_InsideTheWindow()
    {
        var arrivals = new SortedArrivals(ArrivalCurve.TypicalPreMatch(1, s_kickOff), s_from, s_kickOff, s_from, 50_000, new Random(1));

        var times = Drain(arrivals);

        Assert.Equal(50_000, times.Count);
        Assert.Equal(0, arrivals.Remaining);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.First <= p.Second));
        Assert.InRange(times[0], 0, TimeSpan.FromHours(3).TotalMilliseconds);
        Assert.InRange(times[^1], 0, TimeSpan.FromHours(3).TotalMilliseconds);
    }

    [Fact]
    public void TryNext_FollowsTheCurve_FiftyEightPercentInTheLastHour()
    {
        var arrivals = new SortedArrivals(ArrivalCurve.TypicalPreMatch(1, s_kickOff), s_from, s_kickOff, s_from, 50_000, new Random(2));

        var times = Drain(arrivals);
        var lastHour = times.Count(t => t >= TimeSpan.FromHours(2).TotalMilliseconds);
        var peak = times.Count(t => t >= TimeSpan.FromMinutes(135).TotalMilliseconds && t < TimeSpan.FromMinutes(160).TotalMilliseconds);

        // 58% in the last hour and 6% per five minutes from 45 to 20 minutes before kick-off, within sampling noise.
        Assert.InRange(lastHour, 28_400, 29_600);
        Assert.InRange(peak, 14_500, 15_500);
    }

    [Fact]
    public void TryNext_NeverInASecondTheCurveLeavesEmpty()
    {
        // Arrivals only in the first and the last minute of ten.
        var curve = ArrivalCurve.FromBuckets(s_from, TimeSpan.FromMinutes(1), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        var arrivals = new SortedArrivals(curve, s_from, s_from.AddMinutes(10), s_from, 2_000, new Random(3));

        Assert.All(Drain(arrivals), t => Assert.True(t < 60_000 || t >= 540_000, t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Constructor_CurveExpectingNobody_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SortedArrivals(ArrivalCurve.TypicalPreMatch(1, s_kickOff), s_kickOff, s_kickOff.AddHours(1), s_from, 1, new Random(4)));

    private static List<long> Drain(SortedArrivals arrivals)
    {
        var times = new List<long>();
        while (arrivals.TryNext(out var at))
        {
            times.Add(at);
        }

        return times;
    }
}
