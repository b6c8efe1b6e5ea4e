using Haris.Core.Incidents;

namespace Haris.Storage.Incidents;

/// <summary>One line of an incident's history: who did what, when.</summary>
public sealed class IncidentTimelineEntry
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who acted: a user name, an API key name or <c>system</c>.</summary>
    public required string Actor { get; set; }

    public TimelineEntryKind Kind { get; set; }

    /// <summary>What a person wrote, or a short description of the change.</summary>
    public string? Text { get; set; }

    /// <summary>Structured detail of the change as a JSON object (for a transition, its from and to), if any.</summary>
    public string? Data { get; set; }
}
