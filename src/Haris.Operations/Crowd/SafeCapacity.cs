namespace Haris.Operations.Crowd;

/// <summary>Which of the three capacities set a zone's safe capacity.</summary>
public enum CapacityLimit
{
    Holding,
    Entry,
    Exit,
}

/// <summary>A zone's safe capacity and the capacities it was chosen from.</summary>
/// <param name="Capacity">The safe capacity: the lowest of the three.</param>
/// <param name="LimitedBy">Which one it was (holding first, then entry, then exit, when two are equal).</param>
/// <param name="Holding">The holding capacity given.</param>
/// <param name="Entry">The entry capacity given.</param>
/// <param name="Exit">The exit capacity given.</param>
public readonly record struct SafeCapacityResult(long Capacity, CapacityLimit LimitedBy, long Holding, long Entry, long Exit);

/// <summary>The safe capacity of a zone, a stand or a whole ground as the Green Guide (chapter 2) calculates it.</summary>
public static class SafeCapacity
{
    /// <summary>The safe capacity of a zone: the lowest of its holding, entry and exit capacities.</summary>
    /// <param name="holding">
    /// The holding capacity: how many persons the zone itself can safely hold, i.e. its usable seats, or for standing its
    /// area times the permitted density, both already reduced by the ground's (P) and (S) factors for management and
    /// physical condition.
    /// </param>
    /// <param name="entry">
    /// The entry capacity: how many persons its entrances can admit within one hour (for turnstiles,
    /// <see cref="EntryCapacity"/>: 660 per turnstile per hour).
    /// </param>
    /// <param name="exit">
    /// The exit capacity: how many persons its exits can let out within the egress time (<see cref="Egress.ExitCapacity"/>:
    /// eight minutes at 82 persons per metre per minute on the level, 66 on stairways); where an emergency evacuation
    /// capacity has been assessed and is lower, pass that.
    /// </param>
    /// <remarks>
    /// A zone is only as safe as its weakest link: a stand with room for 10,000 but exits that clear 6,000 in eight
    /// minutes, or turnstiles that admit 8,000 in an hour, must not be filled beyond 6,000. This is why the alerts on
    /// occupancy measure against this figure and not against the seat count.
    /// </remarks>
    public static SafeCapacityResult For(long holding, long entry, long exit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(holding);
        ArgumentOutOfRangeException.ThrowIfNegative(entry);
        ArgumentOutOfRangeException.ThrowIfNegative(exit);
        var (capacity, limit) = (holding, CapacityLimit.Holding);
        if (entry < capacity)
        {
            (capacity, limit) = (entry, CapacityLimit.Entry);
        }

        if (exit < capacity)
        {
            (capacity, limit) = (exit, CapacityLimit.Exit);
        }

        return new SafeCapacityResult(capacity, limit, holding, entry, exit);
    }

    /// <summary>
    /// The safe capacity of a zone from its holding capacity, its turnstiles and its exits, each capacity computed the
    /// Green Guide way (see <see cref="For(long, long, long)"/>).
    /// </summary>
    public static SafeCapacityResult For(long holding, int turnstiles, IEnumerable<ExitRoute> exits) =>
        For(holding, EntryCapacity(turnstiles), Egress.ExitCapacity(exits));

    /// <summary>The entry capacity of <paramref name="turnstiles"/>: 660 persons per turnstile in one hour.</summary>
    public static long EntryCapacity(int turnstiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turnstiles);
        return (long)turnstiles * GreenGuide.TurnstilePersonsPerHour;
    }
}
