using Haris.Core.Incidents;
using Haris.Storage.Identity;

namespace Haris.Storage.Incidents;

/// <summary>One incident, cyber or field, with its timeline, linked alerts and observables.</summary>
public sealed class Incident
{
    public long Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public IncidentCategory Category { get; set; }

    public IncidentSeverity Severity { get; set; }

    /// <summary>Where the incident stands; moves are checked with <see cref="IncidentWorkflow.CanTransition"/>.</summary>
    public IncidentStatus Status { get; set; } = IncidentWorkflow.Initial;

    public string? Venue { get; set; }

    public string? Zone { get; set; }

    public string? Gate { get; set; }

    /// <summary>The user the incident is assigned to, if any.</summary>
    public string? AssigneeId { get; set; }

    /// <summary>The assignee's name as shown when assigned, kept if the user is later removed.</summary>
    public string? AssigneeName { get; set; }

    public HarisUser? Assignee { get; set; }

    /// <summary>Who reported it: a user name, an API key name or <c>system</c>.</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When someone first acknowledged the incident; a critical one not acknowledged in time is escalated.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>When the incident was escalated to the commanders for want of an acknowledgement.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The incident this one was merged into, as a duplicate of it.</summary>
    public long? MergedIntoId { get; set; }

    public Incident? MergedInto { get; set; }

    /// <summary>Raised on every save, so two people changing the incident at once cannot overwrite each other unseen.</summary>
    public int Version { get; set; }

    public List<IncidentTimelineEntry> Timeline { get; set; } = [];

    public List<IncidentAlertLink> AlertLinks { get; set; } = [];

    public List<IncidentObservable> Observables { get; set; } = [];

    /// <summary>The steps of the category's procedure, in order (field incidents).</summary>
    public List<IncidentChecklistStep> Checklist { get; set; } = [];
}
