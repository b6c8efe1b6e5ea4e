using Haris.Operations.Crowd;

namespace Haris.Operations.Tests.Crowd;

public sealed class IngressForecasterTests
{
    private static readonly DateTimeOffset s_kickOff = new(2026, 6, 11, 20, 0, 0, TimeSpan.Zero);

    // A search lane is assumed to pass 300 fans an hour (12 seconds each), 5 a minute: a venue's own measured rate
    // belongs here; the Green Guide has none.
    private const double LanePerHour = 300;

    private static DateTimeOffset Before(int minutes) => s_kickOff.AddMinutes(-minutes);

    [Fact]
    public void FluidQueue_Next_GrowsByTheExcessAndNeverBelowZero()
    {
        Assert.Equal(110, FluidQueue.Next(100, 50, 40, TimeSpan.FromMinutes(1))); // 100 + 50 − 40
        Assert.Equal(0, FluidQueue.Next(10, 5, 40, TimeSpan.FromMinutes(1))); // 10 + 5 − 40 < 0
        Assert.Equal(TimeSpan.FromMinutes(15), FluidQueue.Wait(600, 40)); // 600 / 40 a minute
        Assert.Equal(TimeSpan.Zero, FluidQueue.Wait(0, 0));
        Assert.Equal(TimeSpan.MaxValue, FluidQueue.Wait(1, 0));
    }

    [Fact]
    public void Forecast_OneGateTooSlow_QueueWaitAndLateFans()
    {
        // 100 fans a minute for 30 minutes (500 per five minutes) at a gate passing 50 a minute, from 45 minutes
        // before kick-off.
        var start = Before(45);
        var scenario = new IngressScenario(
            start,
            s_kickOff,
            [new QueueStage("A", QueueStageKind.Gate, 50)],
            [new ArrivalStream("all", ["A"], ArrivalCurve.FromBuckets(start, TimeSpan.FromMinutes(5), [500, 500, 500, 500, 500, 500]))]);

        var forecast = IngressForecaster.Forecast(scenario);
        var gate = forecast.Stage("A");

        // The queue grows 100 − 50 = 50 a minute: after m minutes it is 50m, a wait of 50m / 50 = m minutes. At 15
        // minutes the wait is exactly 15 (not above); at 16 it is above.
        Assert.Equal(start.AddMinutes(16), gate.WaitExceededAt);
        Assert.Equal(750, gate.Samples[14].Queue, 6); // after 15 minutes: 50 × 15

        // Arrivals stop after 30 minutes with 50 × 30 = 1,500 waiting (30 minutes' wait), 15 minutes before kick-off.
        Assert.Equal(1_500, gate.PeakQueue, 6);
        Assert.Equal(TimeSpan.FromMinutes(30), gate.PeakWait);
        Assert.Equal(start.AddMinutes(30), gate.PeakAt);
        Assert.Equal(2, gate.PeakLoad, 9); // 100 arriving a minute against 50

        // By kick-off, 15 more minutes at 50 leave 1,500 − 750 = 750 outside, a 15-minute wait.
        Assert.Equal(750, gate.QueueAtKickOff, 6);
        Assert.Equal(TimeSpan.FromMinutes(15), gate.WaitAtKickOff);
        Assert.Equal(3_000, forecast.ArrivedByKickOff, 6); // 100 × 30
        Assert.Equal(2_250, forecast.InByKickOff, 6); // 50 × 45
        Assert.Equal(750, forecast.OutsideAtKickOff, 6);
        Assert.False(forecast.EveryoneInByKickOff);

        // The last 750 need another 15 minutes: all in at kick-off + 15.
        Assert.Equal(s_kickOff.AddMinutes(15), forecast.AllInAt);
        Assert.Equal("A", forecast.Bottleneck.StageId);
    }

    [Fact]
    public void Forecast_CheckPointBeforeGate_ThrottlesTheGateBehindIt()
    {
        // 100 a minute for 10 minutes reach a check point passing 40 a minute, then a gate passing 60.
        var start = Before(30);
        var scenario = new IngressScenario(
            start,
            s_kickOff,
            [new QueueStage("P", QueueStageKind.PerimeterCheckPoint, 40), new QueueStage("G", QueueStageKind.Gate, 60)],
            [new ArrivalStream("all", ["P", "G"], ArrivalCurve.FromBuckets(start, TimeSpan.FromMinutes(10), [1_000]))]);

        var forecast = IngressForecaster.Forecast(scenario);
        var checkPoint = forecast.Stage("P");
        var gate = forecast.Stage("G");

        // The check point's queue grows 60 a minute to 600 after 10 minutes: a wait of 600 / 40 = 15 minutes, exactly
        // the threshold and not above it.
        Assert.Equal(600, checkPoint.PeakQueue, 6);
        Assert.Equal(TimeSpan.FromMinutes(15), checkPoint.PeakWait);
        Assert.Null(checkPoint.WaitExceededAt);
        Assert.Equal(2.5, checkPoint.PeakLoad, 9); // 100 against 40

        // The gate only ever sees the check point's 40 a minute against its 60: no queue, two-thirds loaded.
        Assert.Equal(0, gate.PeakQueue);
        Assert.Null(gate.PeakAt);
        Assert.Equal(40 / 60.0, gate.PeakLoad, 9);

        // 600 drain at 40 a minute in 15 minutes: all in 25 minutes after the start, before kick-off.
        Assert.Equal(start.AddMinutes(25), forecast.AllInAt);
        Assert.True(forecast.EveryoneInByKickOff);
        Assert.Equal("P", forecast.Bottleneck.StageId);
    }

    [Fact]
    public void Forecast_TooFewOuterPerimeterLanes_BottleneckOutsideWhileGatesLookQuiet()
    {
        // 30,000 fans on the typical curve, half to each of two gates of 20 turnstiles (220 a minute each), all through
        // one outer check point of 40 lanes × 5 a minute = 200 a minute.
        var forecast = IngressForecaster.Forecast(Venue(lanes: 40, turnstilesA: 20, turnstilesB: 20));
        var outer = forecast.Stage("outer");

        // The curve brings 180 a minute or less until 75 minutes before (3% buckets: 900 per five minutes), so no
        // queue. Then per five minutes: 4% (1,200) three times: +200 each → 600 at 60 before; 5% (1,500) three
        // times: +500 each → 2,100 at 45 before; 6% (1,800) five times: +800 each → 6,100 at 20 before; 5%: +500 →
        // 6,600; 4%: +200 → 6,800 at 10 before; 3%: −100 → 6,700; 1%: −700 → 6,000 at kick-off.
        Assert.Equal(600, outer.Samples.Single(s => s.At == Before(60)).Queue, 6);
        Assert.Equal(2_100, outer.Samples.Single(s => s.At == Before(45)).Queue, 6);
        Assert.Equal(6_100, outer.Samples.Single(s => s.At == Before(20)).Queue, 6);
        Assert.Equal(6_800, outer.PeakQueue, 6);
        Assert.Equal(Before(10), outer.PeakAt);
        Assert.Equal(TimeSpan.FromMinutes(34), outer.PeakWait); // 6,800 / 200

        // Above 15 minutes' wait means above 3,000 waiting: in the 6% buckets the queue grows 360 − 200 = 160 a minute
        // from 2,100, past 3,000 after 6 minutes (3,060), i.e. 39 minutes before kick-off.
        Assert.Equal(Before(39), outer.WaitExceededAt);

        Assert.Equal(6_000, outer.QueueAtKickOff, 6);
        Assert.Equal(TimeSpan.FromMinutes(30), outer.WaitAtKickOff); // 6,000 / 200
        Assert.Equal(6_000, forecast.OutsideAtKickOff, 6);
        Assert.False(forecast.EveryoneInByKickOff);
        Assert.Equal("outer", forecast.Bottleneck.StageId);

        // Behind it the gates get 100 a minute each against 220: the turnstiles show nothing wrong.
        Assert.Equal(0, forecast.Stage("A").PeakQueue);
        Assert.Equal(0, forecast.Stage("B").PeakQueue);
        Assert.Equal(100 / 220.0, forecast.Stage("A").PeakLoad, 9);

        // 6,000 left at 200 a minute: everyone in 30 minutes after kick-off.
        Assert.Equal(s_kickOff.AddMinutes(30), forecast.AllInAt);
    }

    [Fact]
    public void Forecast_EnoughOuterPerimeterLanes_EveryoneInByKickOff()
    {
        // 80 lanes pass 400 a minute, above the curve's peak of 360; each gate's half peaks at 180 against 220.
        var forecast = IngressForecaster.Forecast(Venue(lanes: 80, turnstilesA: 20, turnstilesB: 20));

        Assert.All(forecast.Stages, s => Assert.Equal(0, s.PeakQueue));
        Assert.All(forecast.Stages, s => Assert.Null(s.WaitExceededAt));
        Assert.True(forecast.EveryoneInByKickOff);
        Assert.Equal(30_000, forecast.InByKickOff, 6);
        Assert.Equal(s_kickOff, forecast.AllInAt); // the last arrivals walk straight in

        // No queue anywhere: the bottleneck is the most loaded stage, the check point at 360 / 400 = 0.9 (gates 180 / 220).
        Assert.Equal("outer", forecast.Bottleneck.StageId);
        Assert.Equal(0.9, forecast.Bottleneck.PeakLoad, 9);
    }

    [Fact]
    public void Forecast_EnoughLanesButOneGateShort_GateIsTheBottleneck()
    {
        // Gate B has 10 turnstiles (110 a minute) for its half of the crowd: 15,000 on the typical curve.
        var forecast = IngressForecaster.Forecast(Venue(lanes: 80, turnstilesA: 20, turnstilesB: 10));
        var gate = forecast.Stage("B");

        // Its fans arrive at 30 a minute per percent-bucket. Net per minute: 4% +10 for 15 minutes → 150 at 60 before;
        // 5% +40 for 15 → 750 at 45 before; 6% +70 for 25 → 2,500 at 20 before; 5% +40 → 2,700; 4% +10 → 2,750 at 10
        // before; 3% −20 → 2,650; 1% −80 → 2,250 at kick-off.
        Assert.Equal(750, gate.Samples.Single(s => s.At == Before(45)).Queue, 6);
        Assert.Equal(2_750, gate.PeakQueue, 6);
        Assert.Equal(2_250, gate.QueueAtKickOff, 6);

        // 15 minutes' wait at 110 a minute is 1,650 waiting: from 750 at +70 a minute, passed after 13 minutes (1,660).
        Assert.Equal(Before(32), gate.WaitExceededAt);
        Assert.Equal("B", forecast.Bottleneck.StageId);
        Assert.Equal(0, forecast.Stage("outer").PeakQueue);
        Assert.Equal(0, forecast.Stage("A").PeakQueue);
        Assert.False(forecast.EveryoneInByKickOff);
    }

    [Fact]
    public void Forecast_UnknownStage_Throws()
    {
        var scenario = new IngressScenario(
            Before(60), s_kickOff, [QueueStage.Gate("A", 10)], [new ArrivalStream("s", ["Z"], ArrivalCurve.TypicalPreMatch(1, s_kickOff))]);

        Assert.Throws<ArgumentException>(() => IngressForecaster.Forecast(scenario));
    }

    [Fact]
    public void Forecast_PathsInOppositeOrders_Throws()
    {
        var curve = ArrivalCurve.TypicalPreMatch(1, s_kickOff);
        var scenario = new IngressScenario(
            Before(60),
            s_kickOff,
            [QueueStage.Gate("A", 10), QueueStage.Gate("B", 10)],
            [new ArrivalStream("ab", ["A", "B"], curve), new ArrivalStream("ba", ["B", "A"], curve)]);

        Assert.Throws<ArgumentException>(() => IngressForecaster.Forecast(scenario));
    }

    [Fact]
    public void Forecast_KickOffBetweenSteps_Throws()
    {
        var scenario = new IngressScenario(
            Before(60).AddSeconds(30), s_kickOff, [QueueStage.Gate("A", 10)], [new ArrivalStream("s", ["A"], ArrivalCurve.TypicalPreMatch(1, s_kickOff))]);

        Assert.Throws<ArgumentException>(() => IngressForecaster.Forecast(scenario));
    }

    [Fact]
    public void Stages_GreenGuideGateAndLaneRates()
    {
        Assert.Equal(220, QueueStage.Gate("A", 20).ServicePerMinute, 9); // 20 × 11
        Assert.Equal(200, QueueStage.CheckPoint("P", 40, LanePerHour).ServicePerMinute, 9); // 40 × 300 / 60
    }

    private static IngressScenario Venue(int lanes, int turnstilesA, int turnstilesB) => new(
        Before(180),
        s_kickOff,
        [QueueStage.CheckPoint("outer", lanes, LanePerHour), QueueStage.Gate("A", turnstilesA), QueueStage.Gate("B", turnstilesB)],
        [
            new ArrivalStream("to-A", ["outer", "A"], ArrivalCurve.TypicalPreMatch(15_000, s_kickOff)),
            new ArrivalStream("to-B", ["outer", "B"], ArrivalCurve.TypicalPreMatch(15_000, s_kickOff)),
        ]);
}
