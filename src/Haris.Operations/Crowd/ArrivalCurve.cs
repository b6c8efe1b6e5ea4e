namespace Haris.Operations.Crowd;

/// <summary>How many persons are expected to arrive at the venue's first check point in any span of time.</summary>
public sealed class ArrivalCurve
{
    // Share of the crowd (in percent, summing to 100) arriving in each five minutes of the three hours before kick-off,
    // earliest first: a slow first hour (12%), a rising second hour (30%), then 58% in the last hour with the peak (6% every
    // five minutes) from 45 to 20 minutes before kick-off, and a tail of late arrivals.
    private static readonly int[] s_typicalPreMatchPercent =
    [
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4,
        5, 5, 5, 6, 6, 6, 6, 6, 5, 4, 3, 1,
    ];

    private readonly Func<DateTimeOffset, DateTimeOffset, double> _between;

    private ArrivalCurve(Func<DateTimeOffset, DateTimeOffset, double> between, double? total)
    {
        _between = between;
        Total = total;
    }

    /// <summary>The length of each bucket of <see cref="TypicalPreMatchPercent"/>.</summary>
    public static TimeSpan TypicalPreMatchBucket { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The typical arrival profile before a big match: the percent of the crowd arriving in each five minutes from three
    /// hours before kick-off, earliest first, with the peak 45 to 20 minutes before kick-off.
    /// </summary>
    public static IReadOnlyList<int> TypicalPreMatchPercent => s_typicalPreMatchPercent;

    /// <summary>Everyone the curve expects, when it is finite and known (bucket curves); null for a rate function.</summary>
    public double? Total { get; }

    /// <summary>Persons expected to arrive from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public double Between(DateTimeOffset from, DateTimeOffset to) => to <= from ? 0 : _between(from, to);

    /// <summary>A curve of expected arrivals per bucket, spread evenly within each bucket, none outside them.</summary>
    /// <param name="start">The start of the first bucket.</param>
    /// <param name="bucket">Each bucket's length (five minutes is usual).</param>
    /// <param name="arrivals">Persons expected in each bucket, earliest first.</param>
    public static ArrivalCurve FromBuckets(DateTimeOffset start, TimeSpan bucket, IReadOnlyList<double> arrivals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(arrivals);
        var counts = arrivals.ToArray();
        var total = 0.0;
        foreach (var count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(arrivals));
            total += count;
        }

        return new ArrivalCurve((from, to) => BucketsBetween(start, bucket, counts, from, to), total);
    }

    /// <summary>A curve from an arrival rate in persons per minute, read at the middle of each span asked for.</summary>
    public static ArrivalCurve FromRate(Func<DateTimeOffset, double> personsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(personsPerMinute);
        return new ArrivalCurve(
            (from, to) => Math.Max(0, personsPerMinute(from + ((to - from) / 2))) * (to - from).TotalMinutes,
            null);
    }

    /// <summary>
    /// <paramref name="total"/> persons arriving over the three hours before <paramref name="kickOff"/> along
    /// <see cref="TypicalPreMatchPercent"/>.
    /// </summary>
    public static ArrivalCurve TypicalPreMatch(double total, DateTimeOffset kickOff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var buckets = new double[s_typicalPreMatchPercent.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = total * s_typicalPreMatchPercent[i] / 100;
        }

        return FromBuckets(kickOff - (TypicalPreMatchBucket * buckets.Length), TypicalPreMatchBucket, buckets);
    }

    private static double BucketsBetween(DateTimeOffset start, TimeSpan bucket, double[] counts, DateTimeOffset from, DateTimeOffset to)
    {
        var sum = 0.0;
        var bucketTicks = bucket.Ticks;
        var first = Math.Max(0, (from - start).Ticks / bucketTicks);
        for (var i = first; i < counts.Length; i++)
        {
            var bucketStart = start + TimeSpan.FromTicks(i * bucketTicks);
            if (bucketStart >= to)
            {
                break;
            }

            var overlapStart = bucketStart > from ? bucketStart : from;
            var bucketEnd = bucketStart + bucket;
            var overlapEnd = bucketEnd < to ? bucketEnd : to;
            if (overlapEnd > overlapStart)
            {
                // Multiplied before dividing, so a whole number of persons over a whole fraction of a bucket stays exact.
                sum += counts[i] * (overlapEnd - overlapStart).Ticks / bucketTicks;
            }
        }

        return sum;
    }
}
