using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class GateRateTests
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 11, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CapacityPerHour_660PerTurnstile()
    {
        Assert.Equal(13_200, GateRate.CapacityPerHour(20)); // 20 × 660
        Assert.Equal(110, GateRate.CapacityPerMinute(10), 9); // 10 × 660 / 60
    }

    [Fact]
    public void For_OneMinute_RateAndUtilisation()
    {
        // 94 admitted in a minute at 10 turnstiles (110 a minute): 94 / 110 = 0.8545.
        var counts = new GateWindowCounts("A", TimeSpan.FromMinutes(1), s_now, 94, 3, 0, 0);

        var reading = GateRate.For(counts, 10);

        Assert.Equal(94, reading.PersonsPerMinute, 9);
        Assert.Equal(110, reading.CapacityPerMinute, 9);
        Assert.Equal(94 / 110.0, reading.Utilisation, 9);
    }

    [Fact]
    public void For_FiveMinutes_PerMinuteAverage()
    {
        // 440 admitted in five minutes is 88 a minute; at 10 turnstiles (110 a minute) that is 0.8.
        var counts = new GateWindowCounts("A", TimeSpan.FromMinutes(5), s_now, 440, 0, 0, 0);

        var reading = GateRate.For(counts, 10);

        Assert.Equal(88, reading.PersonsPerMinute, 9);
        Assert.Equal(0.8, reading.Utilisation, 9);
    }

    [Fact]
    public void For_NoTurnstiles_InfiniteWhenAdmitting()
    {
        var counts = new GateWindowCounts("A", TimeSpan.FromMinutes(1), s_now, 5, 0, 0, 0);

        Assert.Equal(double.PositiveInfinity, GateRate.For(counts, 0).Utilisation);
        Assert.Equal(0, GateRate.For(counts with { Admitted = 0 }, 0).Utilisation);
    }

    [Theory]
    // 10 turnstiles pass 110 a minute; 85% of that is 93.5. 93 is not above it, 94 is.
    [InlineData(93, 1, false)]
    [InlineData(94, 1, true)]
    // Over five minutes they pass 550; 85% is 467.5.
    [InlineData(467, 5, false)]
    [InlineData(468, 5, true)]
    public void IsAbove_85Percent_DecidedExactly(int admitted, int minutes, bool expected)
    {
        Assert.Equal(expected, GateRate.IsAbove(admitted, 10, TimeSpan.FromMinutes(minutes), 85));
    }

    [Fact]
    public void IsAbove_ExactlyAtThePercent_IsNotAbove()
    {
        // 20 turnstiles pass 220 a minute; 85% is exactly 187.
        Assert.False(GateRate.IsAbove(187, 20, TimeSpan.FromMinutes(1), 85));
        Assert.True(GateRate.IsAbove(188, 20, TimeSpan.FromMinutes(1), 85));
    }
}
