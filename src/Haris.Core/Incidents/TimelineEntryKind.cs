namespace Haris.Core.Incidents;

/// <summary>What a line of an incident's timeline records.</summary>
public enum TimelineEntryKind
{
    Created,
    Transition,
    Assignment,
    SeverityChanged,
    Comment,
    AlertLinked,
    ObservableAdded,
    Merged,
    UnitDispatched,
    UnitArrived,
    UnitReleased,
    Escalated,
    ChecklistStepDone,
}
