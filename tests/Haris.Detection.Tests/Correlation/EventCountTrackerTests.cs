using Haris.Core.Alerts;
using static Haris.Detection.Tests.Correlation.CorrelationHarness;

namespace Haris.Detection.Tests.Correlation;

public sealed class EventCountTrackerTests
{
    [Theory]
    // A count above the first ring (4 events) and below the 100 lines an alert keeps: the ring grows while it wraps.
    [InlineData(7, 1)]
    [InlineData(37, 2)]
    // A count above 100: the alert keeps the last 100 lines of the window.
    [InlineData(130, 3)]
    // A count of one: every event alerts from the group's inline slot.
    [InlineData(1, 4)]
    public void RandomStream_WithLateLinesAndIdleGaps_GivesTheAlertsOfAPlainModel(int count, int seed)
    {
        var h = new CorrelationHarness(CorrelationDoc("Burst", BruteForce.Replace("gte: 5", $"gte: {count}", StringComparison.Ordinal)));
        var model = new Model(count, TimeSpan.FromMinutes(1).Ticks);
        var random = new Random(seed);
        var expected = new List<(string Ip, DateTimeOffset First, DateTimeOffset Last, long[] Lines)>();
        var seconds = 0.0;
        for (var line = 1; line <= 20_000; line++)
        {
            // Mostly steady traffic, now and then a gap longer than the timespan (groups go idle and are swept), and
            // now and then a line written up to two minutes late (it counts at its group's latest time).
            // The pace gives each of the six sources about 1.4 times the count a minute, so windows fill now and then;
            // a gap comes about every 20 windows' worth of events.
            seconds += random.Next(20 * count) == 0 ? random.Next(60, 200) : random.NextDouble() * 15.0 / count;
            var at = random.Next(50) == 0 ? Math.Max(0, seconds - random.Next(1, 120)) : seconds;
            var ip = $"198.51.100.{random.Next(6)}";
            h.Feed(at, ("outcome", "failure"), ("source.ip", ip));
            if (model.Feed(ip, At(at).UtcTicks, line) is { } alert)
            {
                expected.Add((ip, new DateTimeOffset(alert.First, TimeSpan.Zero), new DateTimeOffset(alert.Last, TimeSpan.Zero), alert.Lines));
            }
        }

        var actual = h.Of("Burst");
        Assert.True(expected.Count > 20, $"the stream should raise a fair number of alerts, raised {expected.Count}");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (ip, first, last, lines) = expected[i];
            Assert.Equal(ip, actual[i].Group![0].Value);
            Assert.Equal(count, actual[i].Count);
            Assert.Equal((first, last), (actual[i].FirstSeen, actual[i].LastSeen));
            Assert.Equal(lines, actual[i].Lines!.Select(l => l.Line));
        }
    }

    [Theory]
    // The sweep at 63 drops groups whose last event is before 63 - 60 = 3: the group's last event at 3 is kept.
    [InlineData(63.0, 1)]
    // At 63.5 the group is half a second past the timespan and goes.
    [InlineData(63.5, 0)]
    public void Sweep_KeepsAGroupWhoseLastEventIsExactlyOneTimespanOld(double sweepAt, int groupsLeft)
    {
        var h = FailuresEverySecond(4);

        // Event time jumps: the first sweep since the one at 0 is due (every half timespan).
        h.Feed(sweepAt, ("kind", "request"));

        Assert.Equal(groupsLeft, h.Session.Correlations.GroupCount);
    }

    [Theory]
    // The sweep at 40 plans the next for 40 + 30 = 70; at 69.9 none runs, so the idle group still holds its four
    // events and a late fifth one completes them.
    [InlineData(69.9, 1)]
    // At 70 the sweep runs and drops the idle group: the late line starts a new group alone.
    [InlineData(70.0, 0)]
    public void IdleGroup_LivesUntilTheNextSweepHalfATimespanAfterTheLast(double laterTraffic, int alerts)
    {
        var h = FailuresEverySecond(4);

        h.Feed(40, ("kind", "request"));
        h.Feed(laterTraffic, ("kind", "request"));
        h.Feed(4, ("outcome", "failure"), ("source.ip", "203.0.113.5"));

        Assert.Equal(alerts, h.Of("Burst").Count);
    }

    [Fact]
    public void GroupThatAlerted_StartsAfreshWithAnEmptyRing()
    {
        // Nine events: the fifth alerts and empties the group, the next four do not reach the count again.
        var h = FailuresEverySecond(9);

        Assert.Single(h.Of("Burst"));
        h.Feed(9, ("outcome", "failure"), ("source.ip", "203.0.113.5"));

        var second = h.Of("Burst")[1];
        Assert.Equal([6L, 7, 8, 9, 10], second.Lines!.Select(l => l.Line));
        Assert.Equal((At(5), At(9)), (second.FirstSeen, second.LastSeen));
    }

    // Failed logins from one source at 0, 1, 2 ... seconds.
    private static CorrelationHarness FailuresEverySecond(int events)
    {
        var h = new CorrelationHarness(CorrelationDoc("Burst", BruteForce));
        for (var t = 0; t < events; t++)
        {
            h.Feed(t, ("outcome", "failure"), ("source.ip", "203.0.113.5"));
        }

        return h;
    }

    // The documented behaviour, written plainly: per group the last N (time, line) pairs, a late line counted at the
    // group's latest time, an alert when N fit in the timespan (then the group starts over), and idle groups dropped
    // by a sweep every half timespan of event time.
    private sealed class Model(int needed, long span)
    {
        private readonly Dictionary<string, (long Last, List<(long Ticks, long Line)> Events)> _groups = [];
        private long _watermark = long.MinValue;
        private long _nextSweep = long.MinValue;

        public (long First, long Last, long[] Lines)? Feed(string ip, long ticks, long line)
        {
            if (ticks > _watermark)
            {
                _watermark = ticks;
                if (_watermark >= _nextSweep)
                {
                    foreach (var (key, group) in _groups)
                    {
                        if (group.Last < _watermark - span)
                        {
                            _groups.Remove(key);
                        }
                    }

                    _nextSweep = _watermark + Math.Max(span / 2, TimeSpan.TicksPerSecond);
                }
            }

            var (last, events) = _groups.TryGetValue(ip, out var found) ? found : (long.MinValue, []);
            ticks = Math.Max(ticks, last);
            events.Add((ticks, line));
            if (events.Count > needed)
            {
                events.RemoveAt(0);
            }

            _groups[ip] = (ticks, events);
            if (events.Count == needed && ticks - events[0].Ticks <= span)
            {
                var lines = events.Skip(Math.Max(0, needed - Alert.MaxLines)).Select(e => e.Line).ToArray();
                var first = events[0].Ticks;
                events.Clear();
                return (first, ticks, lines);
            }

            return null;
        }
    }
}
