namespace Haris.Core.Incidents;

/// <summary>Where an incident stands, in the order an incident normally goes through them.</summary>
/// <remarks>Which moves between them are allowed is decided in one place, <see cref="IncidentWorkflow"/>.</remarks>
public enum IncidentStatus
{
    Reported,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
}
