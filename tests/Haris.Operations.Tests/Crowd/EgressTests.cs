using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class EgressTests
{
    [Fact]
    public void Estimate_TooNarrowExits_MissesEightMinutes()
    {
        // 4 level exits of 3 m: 4 × 3 × 82 = 984 persons a minute. 10,000 / 984 = 10.16 minutes, over the eight-minute
        // standard; in eight minutes they clear 984 × 8 = 7,872.
        var exits = Enumerable.Range(1, 4).Select(i => ExitRoute.FromWidth($"x{i}", 3.0, ExitSurface.Level)).ToList();

        var estimate = Egress.Estimate(10_000, exits);

        Assert.Equal(984, estimate.PersonsPerMinute, 9);
        Assert.Equal(10_000 / 984.0, estimate.TimeToEmpty.TotalMinutes, 6);
        Assert.False(estimate.WithinStandard);
        Assert.Equal(TimeSpan.FromMinutes(8), estimate.Standard);
        Assert.Equal(7_872, estimate.CapacityWithinStandard);
    }

    [Fact]
    public void Estimate_LevelAndStairwayExits_EachAtItsRate()
    {
        // 2 level exits of 3 m: 2 × 3 × 82 = 492; 2 stairways of 2.5 m: 2 × 2.5 × 66 = 330. Together 822 a minute.
        // 6,000 / 822 = 7.30 minutes: within eight.
        ExitRoute[] exits =
        [
            ExitRoute.FromWidth("level-1", 3.0, ExitSurface.Level),
            ExitRoute.FromWidth("level-2", 3.0, ExitSurface.Level),
            ExitRoute.FromWidth("stairs-1", 2.5, ExitSurface.Stairway),
            ExitRoute.FromWidth("stairs-2", 2.5, ExitSurface.Stairway),
        ];

        var estimate = Egress.Estimate(6_000, exits);

        Assert.Equal(822, estimate.PersonsPerMinute, 9);
        Assert.Equal(6_000 / 822.0, estimate.TimeToEmpty.TotalMinutes, 6);
        Assert.True(estimate.WithinStandard);
        Assert.Equal(6_576, estimate.CapacityWithinStandard); // 822 × 8
    }

    [Fact]
    public void Estimate_ExactlyEightMinutes_MeetsTheStandard()
    {
        // 984 a minute (4 × 3 m × 82) and 7,872 persons: 7,872 / 984 = 8 minutes exactly, which meets "within eight".
        var exits = Enumerable.Range(1, 4).Select(i => ExitRoute.FromWidth($"x{i}", 3.0, ExitSurface.Level));

        var estimate = Egress.Estimate(7_872, exits);

        Assert.Equal(TimeSpan.FromMinutes(8), estimate.TimeToEmpty);
        Assert.True(estimate.WithinStandard);
    }

    [Fact]
    public void Estimate_ExitCapacityInPersonsPerMinute_UsedAsGiven()
    {
        // An exit assessed at 120 a minute and one at 80: 200 a minute; 1,000 persons take 5 minutes.
        var estimate = Egress.Estimate(1_000, [new ExitRoute("gate-1", 120), new ExitRoute("gate-2", 80)]);

        Assert.Equal(TimeSpan.FromMinutes(5), estimate.TimeToEmpty);
    }

    [Fact]
    public void Estimate_NoExits_NeverEmpties()
    {
        var estimate = Egress.Estimate(10, []);

        Assert.Equal(TimeSpan.MaxValue, estimate.TimeToEmpty);
        Assert.False(estimate.WithinStandard);
        Assert.Equal(0, estimate.CapacityWithinStandard);
    }

    [Fact]
    public void Estimate_Empty_TakesNoTime()
    {
        Assert.Equal(TimeSpan.Zero, Egress.Estimate(0, []).TimeToEmpty);
    }

    [Fact]
    public void FromWidth_Stairway_66PerMetre()
    {
        Assert.Equal(79.2, ExitRoute.FromWidth("stairs", 1.2, ExitSurface.Stairway).PersonsPerMinute, 9); // 1.2 × 66
    }
}
