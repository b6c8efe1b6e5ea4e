namespace Haris.Core.Incidents;

/// <summary>How bad an incident is, lowest first, so severities compare and sort.</summary>
public enum IncidentSeverity
{
    Low,
    Medium,
    High,
    Critical,
}
