namespace Haris.Server.Hosting;

/// <summary>
/// A clock that starts at a chosen time and runs <see cref="Speed"/> times faster than the real one; its timers fire
/// after the exercise time they name, so a check every ten exercise seconds runs every ten seconds divided by the speed.
/// </summary>
/// <remarks>
/// Everything the server dates reads it: scans and their verdicts, ticket validity, which match a gate scans for, crowd
/// and incident timers, stored times. Timestamps (<see cref="GetTimestamp"/>) stay real: they measure how long work took.
/// </remarks>
public sealed class ExerciseClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _realStart;

    /// <summary>A clock showing <paramref name="start"/> now and running at <paramref name="speed"/>.</summary>
    public ExerciseClock(DateTimeOffset start, double speed, TimeProvider? real = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1.0);
        _real = real ?? System;
        _realStart = _real.GetUtcNow();
        Start = start.ToUniversalTime();
        Speed = speed;
    }

    /// <summary>The exercise time when the clock was created.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Exercise seconds per real second.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = _real.GetUtcNow() - _realStart;
        return Start + TimeSpan.FromTicks((long)(elapsed.Ticks * Speed));
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _real.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => _real.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, Real(dueTime), Real(period));

    private TimeSpan Real(TimeSpan exercise) =>
        exercise == Timeout.InfiniteTimeSpan || exercise <= TimeSpan.Zero ? exercise : TimeSpan.FromTicks(Math.Max(1, (long)(exercise.Ticks / Speed)));
}
