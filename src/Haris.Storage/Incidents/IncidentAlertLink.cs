using Haris.Storage.Alerts;

namespace Haris.Storage.Incidents;

/// <summary>An alert brought into an incident as evidence; one alert may support several incidents.</summary>
public sealed class IncidentAlertLink
{
    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public required string AlertId { get; set; }

    public StoredAlert? Alert { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    public required string LinkedBy { get; set; }
}
