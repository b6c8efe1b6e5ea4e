namespace Haris.Core.Alerts;

/// <summary>Where an alert stands in triage.</summary>
public enum AlertStatus
{
    New,
    Acknowledged,
    Closed,
}
