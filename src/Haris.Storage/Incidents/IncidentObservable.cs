using Haris.Core.Incidents;

namespace Haris.Storage.Incidents;

/// <summary>An indicator (address, domain, URL, hash, user) seen in an incident.</summary>
public sealed class IncidentObservable
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public ObservableKind Kind { get; set; }

    /// <summary>The value in its one normalised spelling (<see cref="Observables.TryNormalize"/>).</summary>
    public required string Value { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public string? Note { get; set; }

    public required string AddedBy { get; set; }

    /// <summary>Creates an observable with <paramref name="value"/> normalised for its kind.</summary>
    /// <exception cref="ArgumentException">The value is not valid for the kind.</exception>
    public static IncidentObservable Create(ObservableKind kind, string value, DateTimeOffset firstSeen, string addedBy, string? note = null) => new()
    {
        Kind = kind,
        Value = Observables.Normalize(kind, value),
        FirstSeen = firstSeen,
        AddedBy = addedBy,
        Note = note,
    };
}
