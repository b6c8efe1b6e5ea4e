namespace Haris.Storage.Units;

/// <summary>Where a security unit stands now; a unit without a row is available.</summary>
/// <remarks>The unit itself (name, kind, home venue) comes from the tournament configuration; only its state is stored.</remarks>
public sealed class UnitStatusRecord
{
    public required string UnitId { get; set; }

    /// <summary><c>available</c>, <c>dispatched</c> or <c>on_scene</c>.</summary>
    public required string Status { get; set; }

    /// <summary>The incident the unit is dispatched to or on scene at; null when available.</summary>
    public long? IncidentId { get; set; }

    /// <summary>When the unit entered its status.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>Who moved it there: a user name, an API key name or <c>system</c>.</summary>
    public required string ChangedBy { get; set; }

    /// <summary>Raised on every save, so two dispatchers cannot both send the same unit unseen.</summary>
    public int Version { get; set; }
}
