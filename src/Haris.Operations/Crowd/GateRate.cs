namespace Haris.Operations.Crowd;

/// <summary>A gate's entry rate over a window against what its turnstiles can pass.</summary>
/// <param name="GateId">The gate.</param>
/// <param name="Turnstiles">Turnstiles in use at the gate.</param>
/// <param name="Window">The window the rate was measured over.</param>
/// <param name="Admitted">Persons admitted in the window.</param>
/// <param name="PersonsPerMinute">Admitted per minute over the window.</param>
/// <param name="CapacityPerMinute">Turnstiles × 660 / 60 = 11 persons per minute per turnstile.</param>
public readonly record struct GateRateReading(
    string GateId,
    int Turnstiles,
    TimeSpan Window,
    int Admitted,
    double PersonsPerMinute,
    double CapacityPerMinute)
{
    /// <summary>Rate over capacity (0.85 is 85%); infinite for a gate that admits with no turnstile counted, zero when idle.</summary>
    public double Utilisation => CapacityPerMinute > 0
        ? PersonsPerMinute / CapacityPerMinute
        : PersonsPerMinute > 0 ? double.PositiveInfinity : 0;
}

/// <summary>Entry rates of gates against the Green Guide turnstile rate (chapter 7): 660 persons per turnstile per hour.</summary>
public static class GateRate
{
    /// <summary>What <paramref name="turnstiles"/> can admit in an hour: 660 each.</summary>
    public static int CapacityPerHour(int turnstiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turnstiles);
        return turnstiles * GreenGuide.TurnstilePersonsPerHour;
    }

    /// <summary>What <paramref name="turnstiles"/> can admit in a minute: 11 each.</summary>
    public static double CapacityPerMinute(int turnstiles) => CapacityPerHour(turnstiles) / 60.0;

    /// <summary>The entry rate in <paramref name="counts"/> (admitted scans only) against <paramref name="turnstiles"/>.</summary>
    /// <remarks>
    /// Refused tickets take turnstile time too, but move nobody in; the rate counts persons through the gate, which is
    /// what the 660-per-hour figure measures.
    /// </remarks>
    public static GateRateReading For(GateWindowCounts counts, int turnstiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(counts.Window, TimeSpan.Zero, nameof(counts));
        return new GateRateReading(
            counts.GateId,
            turnstiles,
            counts.Window,
            counts.Admitted,
            counts.Admitted / counts.Window.TotalMinutes,
            CapacityPerMinute(turnstiles));
    }

    /// <summary>
    /// Whether <paramref name="admitted"/> persons in <paramref name="window"/> is strictly above
    /// <paramref name="percent"/>% of what <paramref name="turnstiles"/> can pass in that window.
    /// </summary>
    /// <remarks>In whole numbers, so 85% of a capacity of 93.5 is decided exactly and not by floating-point rounding.</remarks>
    public static bool IsAbove(int admitted, int turnstiles, TimeSpan window, int percent)
    {
        // admitted / (turnstiles × 660 × window / 1 h) > percent / 100, multiplied out over ticks.
        var left = (Int128)admitted * 100 * TimeSpan.TicksPerHour;
        var right = (Int128)percent * turnstiles * GreenGuide.TurnstilePersonsPerHour * window.Ticks;
        return left > right;
    }
}
