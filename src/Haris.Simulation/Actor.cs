namespace Haris.Simulation;

/// <summary>Anything that writes log lines over time: a fan session, a crawler, one source of a campaign, a spawner.</summary>
/// <remarks>Times are microseconds since the start of the run. An actor writes the lines due at <see cref="NextAt"/> and moves it on.</remarks>
internal abstract class Actor
{
    /// <summary>Microseconds since the start of the run of the next event; negative once the actor is done.</summary>
    public long NextAt { get; protected set; }

    /// <summary>Writes the event due at <see cref="NextAt"/>, then sets <see cref="NextAt"/> to the next one (or -1).</summary>
    public abstract void Fire(SimulationContext context);
}

/// <summary>The queue order: time, then the order in which actors were queued (a stable, seed-determined tiebreaker).</summary>
internal readonly record struct EventKey(long Time, long Sequence);

internal sealed class EventKeyComparer : IComparer<EventKey>
{
    public static readonly EventKeyComparer Instance = new();

    public int Compare(EventKey x, EventKey y)
    {
        var byTime = x.Time.CompareTo(y.Time);
        return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
    }
}

/// <summary>
/// Runs actors in time order. Only the actors active now are held (a priority queue of live sessions, crawlers and
/// campaign sources), so memory follows the traffic at one moment, not the length of the run; each actor writes its
/// next event when it is the earliest due, so every file comes out sorted by (time, queue order) without a later sort.
/// </summary>
internal sealed class SimulationEngine(long endMicros)
{
    private readonly PriorityQueue<Actor, EventKey> _queue = new(EventKeyComparer.Instance);
    private long _sequence;

    /// <summary>The end of the run, exclusive; nothing at or after it is written.</summary>
    public long EndMicros { get; } = endMicros;

    /// <summary>How many actors are waiting now.</summary>
    public int Active => _queue.Count;

    /// <summary>Queues <paramref name="actor"/> for its <see cref="Actor.NextAt"/> unless it is done or past the end.</summary>
    public void Add(Actor actor)
    {
        var at = actor.NextAt;
        if (at >= 0 && at < EndMicros)
        {
            _queue.Enqueue(actor, new EventKey(at, _sequence++));
        }
    }

    public void Run(SimulationContext context, CancellationToken cancellationToken)
    {
        var fired = 0;
        while (_queue.TryDequeue(out var actor, out _))
        {
            if ((++fired & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            actor.Fire(context);
            Add(actor);
        }
    }
}
