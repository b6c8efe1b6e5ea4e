using Haris.Cli.Live;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Cli.Tests.Live;

public sealed class ServerClockTests
{
    private static readonly DateTimeOffset s_serverNow = new(2026, 6, 18, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WaitUntil_ServerRunsSixtyTimesFaster_WaitsAMinuteOfServerTimeInOneRealSecond()
    {
        var real = new FakeTimeProvider();
        var reads = 0;
        var clock = new ServerClock(_ => { reads++; return Task.FromResult(new ClockReading(s_serverNow, true, s_serverNow, 60)); }, real);

        var waiting = clock.WaitUntilAsync(s_serverNow.AddMinutes(1), TestContext.Current.CancellationToken);
        real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        real.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(s_serverNow.AddMinutes(1), clock.Now);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task WaitUntil_MomentAlreadyPast_ReturnsAtOnce()
    {
        var clock = new ServerClock(_ => Task.FromResult(new ClockReading(s_serverNow, false, null, 1)), new FakeTimeProvider());

        var waiting = clock.WaitUntilAsync(s_serverNow.AddHours(-2), TestContext.Current.CancellationToken);

        Assert.True(waiting.IsCompletedSuccessfully);
        await waiting;
    }

    [Fact]
    public async Task WaitUntil_LongWait_ReadsTheServerAgainOnTheWay()
    {
        // The server's clock may be set again or drift from ours: a wait of a minute real time must not trust one reading.
        var real = new FakeTimeProvider();
        var reads = 0;
        var clock = new ServerClock(_ => { reads++; return Task.FromResult(new ClockReading(s_serverNow, false, null, 1)); }, real);

        var waiting = clock.WaitUntilAsync(s_serverNow.AddSeconds(7), TestContext.Current.CancellationToken);
        real.Advance(ServerClock.ReadEvery);

        Assert.Equal(2, reads);
        Assert.False(waiting.IsCompleted);
    }
}
