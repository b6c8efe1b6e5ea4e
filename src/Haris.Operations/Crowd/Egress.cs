namespace Haris.Operations.Crowd;

/// <summary>The surface an exit route's narrowest section crosses, which sets its Green Guide rate of passage.</summary>
public enum ExitSurface
{
    /// <summary>Level or ramped: 82 persons per metre per minute.</summary>
    Level,

    /// <summary>A stairway: 66 persons per metre per minute.</summary>
    Stairway,
}

/// <summary>One exit route out of a zone or venue and the persons per minute it lets through.</summary>
/// <param name="Id">The exit's id.</param>
/// <param name="PersonsPerMinute">Its flow: the rate at its narrowest section, which is what limits the whole route.</param>
public sealed record ExitRoute(string Id, double PersonsPerMinute)
{
    /// <summary>An exit whose narrowest section is <paramref name="widthMetres"/> wide, at the Green Guide rate for its surface.</summary>
    public static ExitRoute FromWidth(string id, double widthMetres, ExitSurface surface)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(widthMetres);
        var rate = surface == ExitSurface.Stairway ? GreenGuide.StairwayPersonsPerMetrePerMinute : GreenGuide.LevelPersonsPerMetrePerMinute;
        return new ExitRoute(id, widthMetres * rate);
    }
}

/// <summary>How long a zone or venue takes to empty through its exits, against the eight-minute standard.</summary>
/// <param name="Occupants">Persons to get out.</param>
/// <param name="PersonsPerMinute">All exits together.</param>
/// <param name="TimeToEmpty">Occupants over flow; <see cref="TimeSpan.MaxValue"/> when there are occupants and no flow.</param>
/// <param name="Standard">The egress time measured against (eight minutes unless told otherwise).</param>
/// <param name="CapacityWithinStandard">The most persons the exits clear within <paramref name="Standard"/>: the exit capacity.</param>
public sealed record EgressEstimate(
    long Occupants,
    double PersonsPerMinute,
    TimeSpan TimeToEmpty,
    TimeSpan Standard,
    long CapacityWithinStandard)
{
    /// <summary>Whether everyone is out within the standard.</summary>
    public bool WithinStandard => TimeToEmpty <= Standard;
}

/// <summary>Egress time through exits at a steady flow (Green Guide chapter 10).</summary>
/// <remarks>
/// The flow of each exit is the Green Guide rate of passage times the width of the route's narrowest section
/// (<see cref="ExitRoute.FromWidth"/>), or a rate in persons per minute observed or assessed for that exit. All exits are
/// taken to flow at once and at their full rate from the first minute, which is the Guide's own calculation; it ignores
/// the walk to the exit, so it is a lower bound on the time a real crowd takes.
/// </remarks>
public static class Egress
{
    /// <summary>Time for <paramref name="occupants"/> to leave through <paramref name="exits"/>.</summary>
    /// <param name="occupants">Persons inside.</param>
    /// <param name="exits">The exits in use; leave out any that is closed or assumed lost.</param>
    /// <param name="standard">The egress time to meet; <see cref="GreenGuide.EgressTime"/> (eight minutes) by default.</param>
    public static EgressEstimate Estimate(long occupants, IEnumerable<ExitRoute> exits, TimeSpan? standard = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occupants);
        ArgumentNullException.ThrowIfNull(exits);
        var within = standard ?? GreenGuide.EgressTime;
        var flow = TotalFlow(exits);
        TimeSpan time;
        if (occupants == 0)
        {
            time = TimeSpan.Zero;
        }
        else if (flow <= 0)
        {
            time = TimeSpan.MaxValue;
        }
        else
        {
            time = TimeSpan.FromMinutes(occupants / flow);
        }

        return new EgressEstimate(occupants, flow, time, within, CapacityWithin(flow, within));
    }

    /// <summary>The exit capacity: the most persons <paramref name="exits"/> clear within <paramref name="egressTime"/> (eight minutes by default).</summary>
    public static long ExitCapacity(IEnumerable<ExitRoute> exits, TimeSpan? egressTime = null)
    {
        ArgumentNullException.ThrowIfNull(exits);
        return CapacityWithin(TotalFlow(exits), egressTime ?? GreenGuide.EgressTime);
    }

    private static double TotalFlow(IEnumerable<ExitRoute> exits)
    {
        var flow = 0.0;
        foreach (var exit in exits)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(exit.PersonsPerMinute, nameof(exits));
            flow += exit.PersonsPerMinute;
        }

        return flow;
    }

    // A fraction of a person does not get out: round down.
    private static long CapacityWithin(double personsPerMinute, TimeSpan time) =>
        (long)Math.Floor(personsPerMinute * time.TotalMinutes + 1e-9);
}
