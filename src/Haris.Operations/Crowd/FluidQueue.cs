namespace Haris.Operations.Crowd;

/// <summary>
/// The deterministic fluid queue the ingress forecast is built on: people are a flow, a server passes at most its
/// capacity, and what it cannot pass waits.
/// </summary>
public static class FluidQueue
{
    /// <summary>The queue after <paramref name="step"/>: <c>max(0, queue + arrivals − capacity × step)</c>.</summary>
    /// <param name="queue">Persons waiting at the start of the step.</param>
    /// <param name="arrivals">Persons arriving during the step.</param>
    /// <param name="personsPerMinute">What the server passes per minute.</param>
    /// <param name="step">The step's length.</param>
    public static double Next(double queue, double arrivals, double personsPerMinute, TimeSpan step) =>
        Math.Max(0, queue + arrivals - (personsPerMinute * step.TotalMinutes));

    /// <summary>
    /// The wait of a person joining the back of <paramref name="queue"/> now: the queue over the service rate, served
    /// first come first served at a steady rate; <see cref="TimeSpan.MaxValue"/> for a queue at a server that passes nobody.
    /// </summary>
    public static TimeSpan Wait(double queue, double personsPerMinute)
    {
        if (queue <= 0)
        {
            return TimeSpan.Zero;
        }

        var minutes = personsPerMinute > 0 ? queue / personsPerMinute : double.PositiveInfinity;
        return minutes >= TimeSpan.MaxValue.TotalMinutes ? TimeSpan.MaxValue : TimeSpan.FromMinutes(minutes);
    }
}
