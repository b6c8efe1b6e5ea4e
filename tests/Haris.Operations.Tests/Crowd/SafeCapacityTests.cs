using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class SafeCapacityTests
{
    [Theory]
    // Room for 10,000 but turnstiles for 13,200 an hour and exits for 12,000 in eight minutes: the room limits.
    [InlineData(10_000, 13_200, 12_000, 10_000, CapacityLimit.Holding)]
    // Ten turnstiles (6,600 an hour) admit fewer than the stand holds: the entry limits.
    [InlineData(10_000, 6_600, 12_000, 6_600, CapacityLimit.Entry)]
    // Exits that clear 7,872 in eight minutes: the exit limits, whatever the seats.
    [InlineData(10_000, 13_200, 7_872, 7_872, CapacityLimit.Exit)]
    // Equal figures name the holding capacity, the one the ground controls most directly.
    [InlineData(5_000, 5_000, 5_000, 5_000, CapacityLimit.Holding)]
    public void For_LowestOfTheThree(long holding, long entry, long exit, long expected, CapacityLimit limit)
    {
        var result = SafeCapacity.For(holding, entry, exit);

        Assert.Equal(expected, result.Capacity);
        Assert.Equal(limit, result.LimitedBy);
        Assert.Equal((holding, entry, exit), (result.Holding, result.Entry, result.Exit));
    }

    [Fact]
    public void For_FromTurnstilesAndExitWidths_UsesGreenGuideRates()
    {
        // Entry: 20 turnstiles × 660 an hour = 13,200. Exit: 4 level exits of 3 m × 82 per metre per minute = 984 a
        // minute, × 8 minutes = 7,872. Holding 12,000. The exits limit: 7,872.
        var exits = Enumerable.Range(1, 4).Select(i => ExitRoute.FromWidth($"x{i}", 3.0, ExitSurface.Level));

        var result = SafeCapacity.For(12_000, 20, exits);

        Assert.Equal(13_200, result.Entry);
        Assert.Equal(7_872, result.Exit);
        Assert.Equal(7_872, result.Capacity);
        Assert.Equal(CapacityLimit.Exit, result.LimitedBy);
    }

    [Fact]
    public void EntryCapacity_660PerTurnstilePerHour()
    {
        Assert.Equal(13_200, SafeCapacity.EntryCapacity(20)); // 20 × 660
        Assert.Equal(0, SafeCapacity.EntryCapacity(0));
    }

    [Fact]
    public void For_NegativeCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SafeCapacity.For(-1, 10, 10));
    }
}
