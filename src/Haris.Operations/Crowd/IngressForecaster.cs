namespace Haris.Operations.Crowd;

/// <summary>
/// Forecasts the queues at a venue's check points and gates from expected arrivals: where a queue forms, when its wait
/// passes the threshold, which stage is the bottleneck, and whether everyone is in by kick-off.
/// </summary>
/// <remarks>
/// A deterministic fluid model stepped in time. Each stage is a server in series on the streams that pass it: in each
/// step it takes its queue plus what reached it, passes at most its capacity times the step, and keeps the rest
/// (<see cref="FluidQueue.Next"/>). What it passes reaches the next stage of each stream within the same step, so a
/// person who meets no queue walks straight in; stages are visited outer first. A stage shared by several streams
/// serves them in proportion to what each has waiting, as one first-come-first-served queue does on average. A
/// throttled outer check point therefore shows its queue where it really is: outside, while the gates behind it look
/// quiet, the blind spot of the 2022 Champions League final.
/// </remarks>
public static class IngressForecaster
{
    // Below this a queue is rounding left by the proportional split, not a person.
    private const double Negligible = 1e-9;

    /// <summary>Runs <paramref name="scenario"/> from its start to <see cref="IngressScenario.AfterKickOff"/> past kick-off.</summary>
    /// <exception cref="ArgumentException">The scenario is inconsistent: an unknown or repeated stage, a path loop, kick-off off the step.</exception>
    public static IngressForecast Forecast(IngressScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var model = Model.Build(scenario);
        var stages = scenario.Stages;
        var streams = scenario.Streams;
        var stepMinutes = scenario.Step.TotalMinutes;
        var kickOffSteps = (scenario.KickOff - scenario.Start).Ticks / scenario.Step.Ticks;
        var totalSteps = kickOffSteps + (long)Math.Ceiling((double)scenario.AfterKickOff.Ticks / scenario.Step.Ticks);

        var queue = new double[stages.Count, streams.Count];
        var inflow = new double[stages.Count, streams.Count];
        var stats = new StageStats[stages.Count];
        for (var i = 0; i < stats.Length; i++)
        {
            stats[i] = new StageStats((int)totalSteps);
        }

        double arrivedByKickOff = 0, inByKickOff = 0;
        DateTimeOffset? lastBusy = null;
        var queued = false;
        for (long step = 0; step < totalSteps; step++)
        {
            var from = scenario.Start + (scenario.Step * step);
            var to = from + scenario.Step;
            var beforeKickOff = step < kickOffSteps;
            Array.Clear(inflow);
            var arrivals = 0.0;
            for (var s = 0; s < streams.Count; s++)
            {
                var arrived = streams[s].Arrivals.Between(from, to);
                inflow[model.Paths[s][0], s] += arrived;
                arrivals += arrived;
            }

            if (beforeKickOff)
            {
                arrivedByKickOff += arrivals;
            }

            queued = false;
            var moved = false;
            foreach (var stage in model.Order)
            {
                var capacity = stages[stage].ServicePerMinute * stepMinutes;
                double demand = 0, waiting = 0;
                foreach (var s in model.StreamsAt[stage])
                {
                    demand += inflow[stage, s];
                    waiting += queue[stage, s] + inflow[stage, s];
                }

                var served = Math.Min(waiting, capacity);
                var left = 0.0;
                foreach (var s in model.StreamsAt[stage])
                {
                    var content = queue[stage, s] + inflow[stage, s];
                    var passed = served >= waiting ? content : content * (served / waiting);
                    var remaining = content - passed;
                    queue[stage, s] = remaining < Negligible ? 0 : remaining;
                    left += queue[stage, s];
                    if (model.Next[s].TryGetValue(stage, out var next))
                    {
                        inflow[next, s] += passed;
                    }
                    else if (beforeKickOff)
                    {
                        inByKickOff += passed;
                    }
                }

                var load = capacity > 0 ? demand / capacity : demand > 0 ? double.PositiveInfinity : 0;
                stats[stage].Record(to, left, stages[stage].ServicePerMinute, load, scenario.WaitThreshold, step + 1 == kickOffSteps);
                queued |= left > 0;
                moved |= served > 0;
            }

            // The last step in which anyone arrived or was let through ends when the last person is in.
            if (arrivals > 0 || moved)
            {
                lastBusy = to;
            }
        }

        var forecasts = new StageForecast[stages.Count];
        for (var i = 0; i < forecasts.Length; i++)
        {
            forecasts[i] = stats[i].ToForecast(stages[i]);
        }

        return new IngressForecast(
            forecasts,
            PickBottleneck(forecasts),
            arrivedByKickOff,
            inByKickOff,
            queued ? null : lastBusy ?? scenario.Start);
    }

    private static StageForecast PickBottleneck(StageForecast[] forecasts)
    {
        var best = forecasts[0];
        foreach (var candidate in forecasts)
        {
            if (candidate.PeakWait > best.PeakWait || (candidate.PeakWait == best.PeakWait && candidate.PeakLoad > best.PeakLoad))
            {
                best = candidate;
            }
        }

        return best;
    }

    private sealed class StageStats(int steps)
    {
        private readonly List<QueueSample> _samples = new(steps);
        private double _peakQueue;
        private DateTimeOffset? _peakAt;
        private double _peakLoad;
        private DateTimeOffset? _exceededAt;
        private double _queueAtKickOff;

        public void Record(DateTimeOffset at, double queue, double servicePerMinute, double load, TimeSpan threshold, bool atKickOff)
        {
            var wait = FluidQueue.Wait(queue, servicePerMinute);
            _samples.Add(new QueueSample(at, queue, wait));
            if (queue > _peakQueue)
            {
                _peakQueue = queue;
                _peakAt = at;
            }

            _peakLoad = Math.Max(_peakLoad, load);
            if (_exceededAt is null && wait > threshold)
            {
                _exceededAt = at;
            }

            if (atKickOff)
            {
                _queueAtKickOff = queue;
            }
        }

        public StageForecast ToForecast(QueueStage stage) => new(
            stage.Id,
            stage.Kind,
            stage.ServicePerMinute,
            _peakQueue,
            FluidQueue.Wait(_peakQueue, stage.ServicePerMinute),
            _peakAt,
            _peakLoad,
            _exceededAt,
            _queueAtKickOff,
            FluidQueue.Wait(_queueAtKickOff, stage.ServicePerMinute),
            _samples);
    }

    /// <summary>The scenario checked and indexed: stage numbers per path, the next stage of each stream, and an outer-first order.</summary>
    private sealed class Model
    {
        private Model(int[][] paths, Dictionary<int, int>[] next, List<int>[] streamsAt, int[] order)
        {
            Paths = paths;
            Next = next;
            StreamsAt = streamsAt;
            Order = order;
        }

        public int[][] Paths { get; }

        public Dictionary<int, int>[] Next { get; }

        public List<int>[] StreamsAt { get; }

        public int[] Order { get; }

        public static Model Build(IngressScenario scenario)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scenario.Step, TimeSpan.Zero, nameof(scenario));
            ArgumentOutOfRangeException.ThrowIfLessThan(scenario.AfterKickOff, TimeSpan.Zero, nameof(scenario));
            if (scenario.KickOff < scenario.Start || (scenario.KickOff - scenario.Start).Ticks % scenario.Step.Ticks != 0)
            {
                throw new ArgumentException("Kick-off must be a whole number of steps after the start.", nameof(scenario));
            }

            if (scenario.Stages is not { Count: > 0 } stages || scenario.Streams is not { Count: > 0 } streams)
            {
                throw new ArgumentException("A scenario needs at least one stage and one stream.", nameof(scenario));
            }

            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < stages.Count; i++)
            {
                if (!double.IsFinite(stages[i].ServicePerMinute) || stages[i].ServicePerMinute < 0)
                {
                    throw new ArgumentException($"Stage '{stages[i].Id}' needs a finite, non-negative service rate.", nameof(scenario));
                }

                if (!index.TryAdd(stages[i].Id, i))
                {
                    throw new ArgumentException($"Stage '{stages[i].Id}' is listed twice.", nameof(scenario));
                }
            }

            var paths = new int[streams.Count][];
            var next = new Dictionary<int, int>[streams.Count];
            var streamsAt = new List<int>[stages.Count];
            for (var i = 0; i < streamsAt.Length; i++)
            {
                streamsAt[i] = [];
            }

            var successors = new HashSet<int>[stages.Count];
            for (var i = 0; i < successors.Length; i++)
            {
                successors[i] = [];
            }

            for (var s = 0; s < streams.Count; s++)
            {
                var stream = streams[s];
                if (stream.Path is not { Count: > 0 } path)
                {
                    throw new ArgumentException($"Stream '{stream.Id}' passes no stage.", nameof(scenario));
                }

                paths[s] = new int[path.Count];
                next[s] = [];
                for (var p = 0; p < path.Count; p++)
                {
                    if (!index.TryGetValue(path[p], out var stage))
                    {
                        throw new ArgumentException($"Stream '{stream.Id}' passes unknown stage '{path[p]}'.", nameof(scenario));
                    }

                    if (streamsAt[stage].Contains(s))
                    {
                        throw new ArgumentException($"Stream '{stream.Id}' passes stage '{path[p]}' twice.", nameof(scenario));
                    }

                    paths[s][p] = stage;
                    streamsAt[stage].Add(s);
                    if (p > 0)
                    {
                        next[s][paths[s][p - 1]] = stage;
                        successors[paths[s][p - 1]].Add(stage);
                    }
                }
            }

            return new Model(paths, next, streamsAt, TopologicalOrder(successors, stages));
        }

        // Kahn's algorithm: a stage comes after every stage any stream passes before it, so what a stage passes in a
        // step has reached the next one before that one is served. Ties keep the scenario's order.
        private static int[] TopologicalOrder(HashSet<int>[] successors, IReadOnlyList<QueueStage> stages)
        {
            var incoming = new int[successors.Length];
            foreach (var targets in successors)
            {
                foreach (var target in targets)
                {
                    incoming[target]++;
                }
            }

            var ready = new PriorityQueue<int, int>();
            for (var i = 0; i < incoming.Length; i++)
            {
                if (incoming[i] == 0)
                {
                    ready.Enqueue(i, i);
                }
            }

            var order = new List<int>(successors.Length);
            while (ready.TryDequeue(out var stage, out _))
            {
                order.Add(stage);
                foreach (var target in successors[stage])
                {
                    if (--incoming[target] == 0)
                    {
                        ready.Enqueue(target, target);
                    }
                }
            }

            if (order.Count != successors.Length)
            {
                var stuck = Enumerable.Range(0, incoming.Length).Where(i => incoming[i] > 0).Select(i => stages[i].Id);
                throw new ArgumentException(
                    $"The streams pass stages {string.Join(", ", stuck)} in opposite orders; a way in cannot loop.", "scenario");
            }

            return [.. order];
        }
    }
}
