namespace Haris.Operations.Tournaments;

/// <summary>What kind of unit is dispatched.</summary>
public enum UnitKind
{
    /// <summary>Police officers.</summary>
    Police,

    /// <summary>Stewards of the organiser.</summary>
    Stewards,

    /// <summary>Paramedics and first aiders.</summary>
    Medical,

    /// <summary>Fire and rescue.</summary>
    Fire,

    /// <summary>Cyber responders (stadium networks, ticketing systems).</summary>
    Cyber,
}

/// <summary>A unit the operations room can dispatch to an incident.</summary>
/// <param name="Id">Unique within the tournament.</param>
/// <param name="Kind">What kind of unit it is.</param>
/// <param name="Name">The unit's display name.</param>
/// <param name="HomeVenue">The id of the venue it is based at, or null for a unit not tied to one (a central cyber team).</param>
/// <param name="Size">How many people it has.</param>
public sealed record SecurityUnit(string Id, UnitKind Kind, LocalizedText Name, string? HomeVenue, int Size);
