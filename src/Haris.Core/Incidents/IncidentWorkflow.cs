namespace Haris.Core.Incidents;

/// <summary>The moves an incident may make between statuses, for cyber and field incidents alike.</summary>
public static class IncidentWorkflow
{
    /// <summary>The status every incident starts in.</summary>
    public const IncidentStatus Initial = IncidentStatus.Reported;

    /// <summary>Whether an incident in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    /// <remarks>
    /// The normal path is reported → acknowledged → in progress → resolved → closed; acknowledging is not skipped so
    /// the room can measure time to acknowledge. Any open incident may be closed directly (a false alarm, or a
    /// duplicate merged into another). A resolved incident may be reopened into progress. Closed is final: a new
    /// report is a new incident. Staying in the same status is not a move.
    /// </remarks>
    public static bool CanTransition(IncidentStatus from, IncidentStatus to) => (from, to) switch
    {
        (IncidentStatus.Reported, IncidentStatus.Acknowledged) => true,
        (IncidentStatus.Acknowledged, IncidentStatus.InProgress) => true,
        (IncidentStatus.InProgress, IncidentStatus.Resolved) => true,
        (IncidentStatus.Resolved, IncidentStatus.InProgress) => true,
        (IncidentStatus.Reported or IncidentStatus.Acknowledged or IncidentStatus.InProgress or IncidentStatus.Resolved,
            IncidentStatus.Closed) => true,
        _ => false,
    };

    /// <summary>The statuses an incident in <paramref name="from"/> may move to, in workflow order.</summary>
    public static IReadOnlyList<IncidentStatus> NextStatuses(IncidentStatus from)
    {
        var next = new List<IncidentStatus>(2);
        foreach (var to in Enum.GetValues<IncidentStatus>())
        {
            if (CanTransition(from, to))
            {
                next.Add(to);
            }
        }

        return next;
    }

    /// <summary>Whether an incident in <paramref name="status"/> still needs work (anything but closed).</summary>
    public static bool IsOpen(IncidentStatus status) => status != IncidentStatus.Closed;
}
