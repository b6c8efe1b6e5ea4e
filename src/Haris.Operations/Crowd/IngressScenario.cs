namespace Haris.Operations.Crowd;

/// <summary>What kind of server a queue stage is.</summary>
public enum QueueStageKind
{
    /// <summary>A check point on the outer perimeter: search and ticket pre-check lanes.</summary>
    PerimeterCheckPoint,

    /// <summary>A gate on the inner perimeter: turnstiles.</summary>
    Gate,
}

/// <summary>One server fans queue at on their way in: an outer-perimeter check point or a gate.</summary>
/// <param name="Id">The check point's or gate's id.</param>
/// <param name="Kind">Check point or gate.</param>
/// <param name="ServicePerMinute">Persons it passes per minute when it has a queue.</param>
public sealed record QueueStage(string Id, QueueStageKind Kind, double ServicePerMinute)
{
    /// <summary>A gate of <paramref name="turnstiles"/> at the Green Guide rate: 660 per hour, 11 per minute, each.</summary>
    public static QueueStage Gate(string id, int turnstiles) =>
        new(id, QueueStageKind.Gate, GateRate.CapacityPerMinute(turnstiles));

    /// <summary>An outer-perimeter check point of <paramref name="lanes"/>, each passing <paramref name="personsPerLanePerHour"/>.</summary>
    /// <remarks>
    /// The Green Guide gives no rate for a search lane; it depends on the search (ticket look, pat-down, bag check).
    /// Use the rate measured at the venue's rehearsals or test events.
    /// </remarks>
    public static QueueStage CheckPoint(string id, int lanes, double personsPerLanePerHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfNegative(personsPerLanePerHour);
        return new(id, QueueStageKind.PerimeterCheckPoint, lanes * personsPerLanePerHour / 60);
    }
}

/// <summary>A stream of fans with one way in: their arrivals and the stages they pass, in order.</summary>
/// <param name="Id">The stream's name (e.g. the metro station or car park it comes from).</param>
/// <param name="Path">The ids of the stages it passes, outermost first (e.g. a perimeter check point, then a gate).</param>
/// <param name="Arrivals">When its fans reach the first stage.</param>
public sealed record ArrivalStream(string Id, IReadOnlyList<string> Path, ArrivalCurve Arrivals);

/// <summary>A venue's ingress to forecast: its servers, the streams of fans through them, and the times that matter.</summary>
/// <param name="Start">When the forecast starts (queues empty then).</param>
/// <param name="KickOff">Kick-off, by which everyone should be in; a whole number of <see cref="Step"/>s after <paramref name="Start"/>.</param>
/// <param name="Stages">Check points and gates.</param>
/// <param name="Streams">Fans and their ways in; stages may be shared by several streams.</param>
public sealed record IngressScenario(
    DateTimeOffset Start,
    DateTimeOffset KickOff,
    IReadOnlyList<QueueStage> Stages,
    IReadOnlyList<ArrivalStream> Streams)
{
    /// <summary>The time step of the model; one minute by default.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait above which a stage's queue is reported (<see cref="StageForecast.WaitExceededAt"/>); 15 minutes by default.</summary>
    public TimeSpan WaitThreshold { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after kick-off the model keeps running to find when the last fan is in; two hours by default.</summary>
    public TimeSpan AfterKickOff { get; init; } = TimeSpan.FromHours(2);
}
