namespace Haris.Operations.Tournaments;

/// <summary>A stadium of the tournament: its perimeters, zones and gates.</summary>
/// <remarks>Ids of zones, gates and check points are unique within the venue; the lookups assume it and keep the first of a repeated id.</remarks>
public sealed class Venue
{
    /// <summary>The Green Guide's highest sustained rate through one turnstile, in persons per hour.</summary>
    public const int TurnstileRatePerHour = 660;

    private Dictionary<string, Zone>? _zonesById;
    private Dictionary<string, Gate>? _gatesById;

    /// <summary>Unique within the tournament, e.g. <c>lusail</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The venue's name in Arabic, French and English.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>The city the venue is in.</summary>
    public required string City { get; init; }

    /// <summary>The venue's time zone; kick-off times are written in it.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>The venue's spectator capacity.</summary>
    public required int Capacity { get; init; }

    /// <summary>The outer secure perimeter.</summary>
    public required Perimeter Outer { get; init; }

    /// <summary>The inner secure perimeter.</summary>
    public required Perimeter Inner { get; init; }

    /// <summary>The venue's zones, in the order of the configuration.</summary>
    public required IReadOnlyList<Zone> Zones { get; init; }

    /// <summary>The venue's gates, in the order of the configuration.</summary>
    public required IReadOnlyList<Gate> Gates { get; init; }

    /// <summary>The zone with <paramref name="id"/>, or null.</summary>
    public Zone? Zone(string id) => (_zonesById ??= Index(Zones, z => z.Id)).GetValueOrDefault(id);

    /// <summary>The gate with <paramref name="id"/>, or null.</summary>
    public Gate? Gate(string id) => (_gatesById ??= Index(Gates, g => g.Id)).GetValueOrDefault(id);

    /// <summary>The check point with <paramref name="id"/> on either perimeter, or null.</summary>
    public CheckPoint? CheckPoint(string id) =>
        Outer.CheckPoints.FirstOrDefault(c => c.Id == id) ?? Inner.CheckPoints.FirstOrDefault(c => c.Id == id);

    /// <summary>The perimeter of the given kind.</summary>
    public Perimeter Perimeter(PerimeterKind kind) => kind == PerimeterKind.Outer ? Outer : Inner;

    /// <summary>The zones the gate leads to; empty for an unknown gate.</summary>
    public IReadOnlyList<Zone> ZonesServedBy(string gateId) =>
        Gate(gateId) is { } gate ? [.. gate.Zones.Select(Zone).OfType<Zone>()] : [];

    /// <summary>The gates that lead to the zone; empty for an unknown zone.</summary>
    public IReadOnlyList<Gate> GatesServing(string zoneId) => [.. Gates.Where(g => g.Zones.Contains(zoneId))];

    /// <summary>The zones adjacent to the zone; empty for an unknown zone.</summary>
    public IReadOnlyList<Zone> NeighboursOf(string zoneId) =>
        Zone(zoneId) is { } zone ? [.. zone.Neighbours.Select(Zone).OfType<Zone>()] : [];

    /// <summary>The turnstiles of the gates set in the given perimeter.</summary>
    public int Turnstiles(PerimeterKind perimeter) => Gates.Where(g => g.Perimeter == perimeter).Sum(g => g.Turnstiles);

    /// <summary>How many people the venue can admit in an hour through its turnstiles.</summary>
    /// <remarks>
    /// Everyone passes both perimeters, so when both have gates the one with fewer turnstiles sets the rate: the
    /// bottleneck, as at the outer perimeter of the 2022 Champions League final in Paris.
    /// </remarks>
    public int AdmissionPerHour(int ratePerTurnstile = TurnstileRatePerHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerTurnstile);
        var outer = Turnstiles(PerimeterKind.Outer);
        var inner = Turnstiles(PerimeterKind.Inner);
        var limiting = outer == 0 ? inner : inner == 0 ? outer : Math.Min(outer, inner);
        return limiting * ratePerTurnstile;
    }

    /// <summary>How long the turnstiles take to admit the full capacity, or null when the venue has none.</summary>
    public TimeSpan? TimeToAdmitCapacity(int ratePerTurnstile = TurnstileRatePerHour)
    {
        var perHour = AdmissionPerHour(ratePerTurnstile);
        return perHour == 0 ? null : TimeSpan.FromHours((double)Capacity / perHour);
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        var index = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            index.TryAdd(key(item), item);
        }

        return index;
    }
}
