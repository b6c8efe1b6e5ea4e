namespace Haris.Operations.Crowd;

/// <summary>One stage's queue at the end of one time step.</summary>
/// <param name="At">The end of the step.</param>
/// <param name="Queue">Persons waiting.</param>
/// <param name="Wait">The wait of a person joining the queue then.</param>
public readonly record struct QueueSample(DateTimeOffset At, double Queue, TimeSpan Wait);

/// <summary>The forecast queue at one check point or gate.</summary>
/// <param name="StageId">The stage.</param>
/// <param name="Kind">Check point or gate.</param>
/// <param name="ServicePerMinute">What it passes per minute.</param>
/// <param name="PeakQueue">The longest queue forecast.</param>
/// <param name="PeakWait">The wait at that queue.</param>
/// <param name="PeakAt">When the longest queue is reached; null when no queue ever forms.</param>
/// <param name="PeakLoad">The highest demand in one step over what the stage can pass in it (above 1 means a queue grows).</param>
/// <param name="WaitExceededAt">The first time the wait goes above the scenario's threshold; null when it never does.</param>
/// <param name="QueueAtKickOff">Persons still waiting here at kick-off.</param>
/// <param name="WaitAtKickOff">The wait here at kick-off.</param>
/// <param name="Samples">The queue at the end of every step.</param>
public sealed record StageForecast(
    string StageId,
    QueueStageKind Kind,
    double ServicePerMinute,
    double PeakQueue,
    TimeSpan PeakWait,
    DateTimeOffset? PeakAt,
    double PeakLoad,
    DateTimeOffset? WaitExceededAt,
    double QueueAtKickOff,
    TimeSpan WaitAtKickOff,
    IReadOnlyList<QueueSample> Samples);

/// <summary>What the ingress forecast expects: queue and wait at every stage, the bottleneck, and whether all are in by kick-off.</summary>
/// <param name="Stages">Each stage's forecast, in the order the scenario listed them.</param>
/// <param name="Bottleneck">The stage with the longest peak wait, or, when no queue forms anywhere, the most loaded one.</param>
/// <param name="ArrivedByKickOff">Persons who reached the first stage of their way in before kick-off.</param>
/// <param name="InByKickOff">Persons through the last stage of their way in by kick-off.</param>
/// <param name="AllInAt">When the last person is through, or null when some are still queuing at the end of the forecast.</param>
public sealed record IngressForecast(
    IReadOnlyList<StageForecast> Stages,
    StageForecast Bottleneck,
    double ArrivedByKickOff,
    double InByKickOff,
    DateTimeOffset? AllInAt)
{
    /// <summary>Persons who had arrived by kick-off but were still queuing at it.</summary>
    public double OutsideAtKickOff => Math.Max(0, ArrivedByKickOff - InByKickOff);

    /// <summary>Whether fewer than one person who arrived before kick-off is still queuing at kick-off.</summary>
    public bool EveryoneInByKickOff => OutsideAtKickOff < 1;

    /// <summary>The forecast of one stage.</summary>
    public StageForecast Stage(string stageId) =>
        Stages.FirstOrDefault(s => s.StageId == stageId) ?? throw new KeyNotFoundException($"No stage '{stageId}' in the forecast.");
}
