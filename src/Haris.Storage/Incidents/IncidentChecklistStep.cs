namespace Haris.Storage.Incidents;

/// <summary>One step of the procedure attached to a field incident, copied when the incident is reported.</summary>
/// <remarks>Copied rather than referenced, so a procedure changed in the configuration later leaves open incidents as they were.</remarks>
public sealed class IncidentChecklistStep
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    /// <summary>The step's place in the procedure, from 1.</summary>
    public int Position { get; set; }

    public required string TextEn { get; set; }

    public string? TextFr { get; set; }

    public string? TextAr { get; set; }

    /// <summary>When the step was ticked off; null while it is to do.</summary>
    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneBy { get; set; }
}
