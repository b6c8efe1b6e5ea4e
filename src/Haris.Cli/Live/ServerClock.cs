namespace Haris.Cli.Live;

/// <summary>
/// The server's clock as seen from here: read from <c>/api/v1/clock</c>, then run locally at the server's speed and
/// read again every few real seconds, so waiting for a moment of exercise time costs no request per wait.
/// </summary>
/// <remarks>Not thread-safe: one loop paces its sends with it.</remarks>
internal sealed class ServerClock
{
    /// <summary>How long a reading is trusted before the server is asked again (real time).</summary>
    public static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<ClockReading>> _read;
    private readonly TimeProvider _time;
    private DateTimeOffset _serverAt;
    private long _readAt;
    private bool _readOnce;

    /// <summary>A clock that asks <paramref name="read"/> for the server's time and measures real time with <paramref name="time"/>.</summary>
    public ServerClock(Func<CancellationToken, Task<ClockReading>> read, TimeProvider time)
    {
        _read = read;
        _time = time;
    }

    /// <summary>Server seconds per real second, as last read.</summary>
    public double Speed { get; private set; } = 1;

    /// <summary>The server's time now, from the last reading.</summary>
    public DateTimeOffset Now => _serverAt + TimeSpan.FromTicks((long)(_time.GetElapsedTime(_readAt).Ticks * Speed));

    /// <summary>Reads the server's clock.</summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var reading = await _read(cancellationToken).ConfigureAwait(false);
        _readAt = _time.GetTimestamp();
        _serverAt = reading.Now;
        Speed = reading.Speed >= 1 ? reading.Speed : 1;
        _readOnce = true;
    }

    /// <summary>Returns once the server's clock shows <paramref name="at"/> or later; at once when it already does.</summary>
    public async Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_readOnce || _time.GetElapsedTime(_readAt) >= ReadEvery)
            {
                await ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            var ahead = at - Now;
            if (ahead <= TimeSpan.Zero)
            {
                return;
            }

            var real = TimeSpan.FromTicks(Math.Max(1, (long)(ahead.Ticks / Speed)));
            await Task.Delay(real < ReadEvery ? real : ReadEvery, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
