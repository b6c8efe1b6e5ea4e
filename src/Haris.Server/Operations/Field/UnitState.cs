namespace Haris.Server.Operations.Field;

/// <summary>Where a security unit stands: free, on its way to an incident, or at it.</summary>
/// <remarks>Stored as text in <c>unit_status.status</c> in its API spelling (<c>on_scene</c>); a unit without a row is available.</remarks>
public enum UnitState
{
    /// <summary>Free to be dispatched.</summary>
    Available,

    /// <summary>Sent to an incident and on its way.</summary>
    Dispatched,

    /// <summary>At the incident it was sent to.</summary>
    OnScene,
}
