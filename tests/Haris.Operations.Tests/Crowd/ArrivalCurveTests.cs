using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class ArrivalCurveTests
{
    private static readonly DateTimeOffset s_kickOff = new(2026, 6, 11, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TypicalPreMatch_ThreeHoursOfFiveMinutes_SumsToEveryone()
    {
        Assert.Equal(36, ArrivalCurve.TypicalPreMatchPercent.Count); // 180 minutes / 5
        Assert.Equal(100, ArrivalCurve.TypicalPreMatchPercent.Sum());

        var curve = ArrivalCurve.TypicalPreMatch(30_000, s_kickOff);

        Assert.Equal(30_000, curve.Total!.Value, 6);
        Assert.Equal(30_000, curve.Between(s_kickOff.AddHours(-3), s_kickOff), 6);
        Assert.Equal(0, curve.Between(s_kickOff.AddHours(-4), s_kickOff.AddHours(-3)));
        Assert.Equal(0, curve.Between(s_kickOff, s_kickOff.AddHours(1)));
    }

    [Fact]
    public void TypicalPreMatch_PeakFrom45To20MinutesBefore()
    {
        var curve = ArrivalCurve.TypicalPreMatch(30_000, s_kickOff);

        // Five buckets of 6% each: 30% of 30,000 = 9,000, i.e. 360 a minute, the highest rate of the curve.
        Assert.Equal(9_000, curve.Between(s_kickOff.AddMinutes(-45), s_kickOff.AddMinutes(-20)), 6);
        Assert.Equal(ArrivalCurve.TypicalPreMatchPercent.Max(), ArrivalCurve.TypicalPreMatchPercent[27]);
        Assert.All(ArrivalCurve.TypicalPreMatchPercent.Take(27), p => Assert.True(p < 6));
        Assert.All(ArrivalCurve.TypicalPreMatchPercent.Skip(32), p => Assert.True(p < 6));

        // The last hour brings 58%: 5+5+5 (60–45 min before) + 30 (peak) + 5+4+3+1 (tail).
        Assert.Equal(17_400, curve.Between(s_kickOff.AddHours(-1), s_kickOff), 6);
    }

    [Fact]
    public void FromBuckets_PartOfABucket_SpreadEvenly()
    {
        var start = s_kickOff.AddHours(-1);
        var curve = ArrivalCurve.FromBuckets(start, TimeSpan.FromMinutes(5), [500, 1_000]);

        // Minutes 2–7: 3/5 of the first bucket (300) and 2/5 of the second (400).
        Assert.Equal(700, curve.Between(start.AddMinutes(2), start.AddMinutes(7)), 9);
        Assert.Equal(100, curve.Between(start, start.AddMinutes(1)), 9); // 500 / 5
        Assert.Equal(0, curve.Between(start.AddMinutes(7), start.AddMinutes(2)));
    }

    [Fact]
    public void FromRate_ReadsTheMiddleOfTheSpan()
    {
        var start = s_kickOff.AddHours(-1);
        var curve = ArrivalCurve.FromRate(t => t < start.AddMinutes(10) ? 50 : 0);

        Assert.Equal(100, curve.Between(start, start.AddMinutes(2)), 9); // 50 a minute for 2 minutes
        Assert.Equal(0, curve.Between(start.AddMinutes(10), start.AddMinutes(12)));
        Assert.Null(curve.Total);
    }
}
