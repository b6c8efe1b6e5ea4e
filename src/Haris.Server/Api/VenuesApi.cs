using System.Security.Claims;
using Haris.Core.Incidents;
using Haris.Core.Security;
using Haris.Operations.Tournaments;
using Haris.Server.Operations;
using Haris.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Haris.Server.Api;

/// <summary><c>/api/v1/venues</c>, <c>/api/v1/matches</c>, <c>/api/v1/procedures</c>: the tournament as configured, for screens and sensors.</summary>
public static class VenuesApi
{
    /// <summary>The roles that read the tournament: every person; venue-limited callers see their venues only.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Operator, Roles.Steward, Roles.PartnerLiaison];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapVenuesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Tournament");
        group.MapGet("/venues", ListVenues).RequireRoles(Readers);
        group.MapGet("/venues/{id}", GetVenue).RequireRoles(Readers);
        group.MapGet("/matches", ListMatches).RequireRoles(Readers);
        group.MapGet("/procedures/{category}", GetProcedure).RequireRoles(Readers);
        return routes;
    }

    /// <summary>A text in the three languages of the event; French and Arabic may be missing where the file gives none.</summary>
    public sealed record Names(string En, string? Fr, string? Ar);

    /// <summary>A venue as listed.</summary>
    public sealed record VenueSummary(
        string Id, Names Name, string City, string TimeZone, int Capacity, int Zones, int Gates, int Turnstiles, int AdmissionPerHour);

    /// <summary>A zone of a venue, with its safe capacity (the lowest of its entry, holding and exit capacities).</summary>
    public sealed record ZoneItem(string Id, Names Name, string Type, int Capacity, int SafeCapacity, IReadOnlyList<string> Neighbours);

    /// <summary>A gate of a venue.</summary>
    public sealed record GateItem(string Id, Names Name, string Perimeter, IReadOnlyList<string> Zones, int Turnstiles, int CapacityPerHour);

    /// <summary>A check point of a perimeter.</summary>
    public sealed record CheckPointItem(string Id, Names Name, int Lanes);

    /// <summary>A match, with its times in the venue's local time (with offset) and in UTC.</summary>
    public sealed record MatchItem(
        string Id, string Venue, IReadOnlyList<string> Teams, string? Stage, DateTimeOffset KickOff, DateTimeOffset GatesOpen, DateTimeOffset KickOffUtc);

    /// <summary>One venue whole: zones, gates, both perimeters and its matches.</summary>
    public sealed record VenueDetail(
        VenueSummary Venue, IReadOnlyList<ZoneItem> Zones, IReadOnlyList<GateItem> Gates,
        IReadOnlyList<CheckPointItem> OuterCheckPoints, IReadOnlyList<CheckPointItem> InnerCheckPoints, IReadOnlyList<MatchItem> Matches);

    /// <summary>The ordered checklist for an incident category.</summary>
    public sealed record ProcedureItem(string Category, IReadOnlyList<Names> Steps);

    internal static Results<Ok<IReadOnlyList<VenueSummary>>, ProblemHttpResult> ListVenues(TournamentCatalog catalog, ClaimsPrincipal caller) =>
        catalog.Tournament is not { } tournament
            ? NoTournament()
            : TypedResults.Ok<IReadOnlyList<VenueSummary>>([.. tournament.Venues.Where(v => caller.MaySee(v.Id)).Select(Summarize)]);

    internal static Results<Ok<VenueDetail>, ProblemHttpResult> GetVenue(string id, TournamentCatalog catalog, ClaimsPrincipal caller)
    {
        if (catalog.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (tournament.Venue(id) is not { } venue || !caller.MaySee(venue.Id))
        {
            return Problems.NotFound($"no venue '{id}'");
        }

        return TypedResults.Ok(new VenueDetail(
            Summarize(venue),
            [.. venue.Zones.Select(z => new ZoneItem(z.Id, NamesOf(z.Name), EnumText.Name(z.Type), z.Capacity, z.SafeCapacity, z.Neighbours))],
            [.. venue.Gates.Select(g => new GateItem(g.Id, NamesOf(g.Name), EnumText.Name(g.Perimeter), g.Zones, g.Turnstiles, g.Turnstiles * Venue.TurnstileRatePerHour))],
            [.. venue.Outer.CheckPoints.Select(CheckPointOf)],
            [.. venue.Inner.CheckPoints.Select(CheckPointOf)],
            [.. tournament.MatchesAt(venue.Id).Select(MatchOf)]));
    }

    internal static Results<Ok<IReadOnlyList<MatchItem>>, ProblemHttpResult> ListMatches(string? venue, TournamentCatalog catalog, ClaimsPrincipal caller) =>
        catalog.Tournament is not { } tournament
            ? NoTournament()
            : TypedResults.Ok<IReadOnlyList<MatchItem>>([.. tournament.Matches
                .Where(m => (venue is null || m.VenueId == venue) && caller.MaySee(m.VenueId))
                .OrderBy(m => m.KickOffUtc)
                .Select(MatchOf)]);

    internal static Results<Ok<ProcedureItem>, ProblemHttpResult> GetProcedure(string category, TournamentCatalog catalog)
    {
        if (catalog.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (!EnumText.TryParseRequired<IncidentCategory>(category, "category", out var parsed, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        return tournament.Procedure(parsed) is { } procedure
            ? TypedResults.Ok(new ProcedureItem(EnumText.Name(parsed), [.. procedure.Steps.Select(NamesOf)]))
            : Problems.NotFound($"no procedure for '{EnumText.Name(parsed)}' in the tournament");
    }

    private static ProblemHttpResult NoTournament() =>
        Problems.NotFound("this server runs without a tournament: set Tournament:Path in haris.yaml");

    private static VenueSummary Summarize(Venue v) => new(
        v.Id, NamesOf(v.Name), v.City, v.TimeZone.Id, v.Capacity, v.Zones.Count, v.Gates.Count, v.Gates.Sum(g => g.Turnstiles), v.AdmissionPerHour());

    private static Names NamesOf(LocalizedText text) => new(text.En, text.Fr, text.Ar);

    private static CheckPointItem CheckPointOf(CheckPoint c) => new(c.Id, NamesOf(c.Name), c.Lanes);

    private static MatchItem MatchOf(Match m) => new(m.Id, m.VenueId, m.Teams, m.Stage, m.KickOff, m.GatesOpen, m.KickOffUtc);
}
