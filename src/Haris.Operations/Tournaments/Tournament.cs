using Haris.Core.Incidents;

namespace Haris.Operations.Tournaments;

/// <summary>A tournament as the stadium operations room sees it: venues, matches, units and procedures.</summary>
/// <remarks>Built by <see cref="TournamentLoader"/>, which checks every reference; ids are unique within their list.</remarks>
public sealed class Tournament
{
    private Dictionary<string, Venue>? _venuesById;
    private Dictionary<string, Match>? _matchesById;

    /// <summary>The tournament's name.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>The venues, in the order of the configuration.</summary>
    public required IReadOnlyList<Venue> Venues { get; init; }

    /// <summary>The matches, in the order of the configuration.</summary>
    public required IReadOnlyList<Match> Matches { get; init; }

    /// <summary>The units that can be dispatched.</summary>
    public IReadOnlyList<SecurityUnit> Units { get; init; } = [];

    /// <summary>The procedures, at most one per incident category.</summary>
    public IReadOnlyList<Procedure> Procedures { get; init; } = [];

    /// <summary>The venue with <paramref name="id"/>, or null.</summary>
    public Venue? Venue(string id) => (_venuesById ??= Index(Venues, v => v.Id)).GetValueOrDefault(id);

    /// <summary>The match with <paramref name="id"/>, or null.</summary>
    public Match? Match(string id) => (_matchesById ??= Index(Matches, m => m.Id)).GetValueOrDefault(id);

    /// <summary>The unit with <paramref name="id"/>, or null.</summary>
    public SecurityUnit? Unit(string id) => Units.FirstOrDefault(u => u.Id == id);

    /// <summary>The procedure for <paramref name="category"/>, or null when the tournament has none.</summary>
    public Procedure? Procedure(IncidentCategory category) => Procedures.FirstOrDefault(p => p.Category == category);

    /// <summary>The matches played at the venue, in kick-off order.</summary>
    public IReadOnlyList<Match> MatchesAt(string venueId) => [.. Matches.Where(m => m.VenueId == venueId).OrderBy(m => m.KickOff)];

    /// <summary>The units based at the venue.</summary>
    public IReadOnlyList<SecurityUnit> UnitsAt(string venueId) => [.. Units.Where(u => u.HomeVenue == venueId)];

    /// <summary>The venue a match is played at.</summary>
    public Venue VenueOf(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Venue(match.VenueId) ?? throw new ArgumentException($"match '{match.Id}' is at venue '{match.VenueId}', which this tournament does not have", nameof(match));
    }

    /// <inheritdoc />
    public override string ToString() => Name.En;

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
