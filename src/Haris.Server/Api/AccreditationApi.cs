using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Haris.Core.Security;
using Haris.Operations.Accreditation;
using Haris.Server.Operations.Accreditation;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Accreditation;
using Haris.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// <c>/api/v1/accreditations</c> and <c>/api/v1/checkpoint-scans</c>: the accreditation list (import, search, revoke,
/// reinstate), the badge scans of the checkpoints with their verdicts, and the accreditation alerts they raise.
/// </summary>
/// <remarks>Venue-limited callers see and act on the people with a grant for one of their venues, and on the scans of those venues.</remarks>
public static class AccreditationApi
{
    /// <summary>The roles that import accreditation lists.</summary>
    public static readonly string[] Importers = [Roles.Admin, Roles.Commander];

    /// <summary>The roles that revoke and reinstate badges.</summary>
    public static readonly string[] Managers = [Roles.Admin, Roles.Commander, Roles.Operator];

    /// <summary>The roles that read the accredited people.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.Operator, Roles.Steward];

    /// <summary>The roles that read the checkpoint scans: the operations room.</summary>
    public static readonly string[] ScanReaders = [Roles.Admin, Roles.Commander, Roles.Operator];

    /// <summary>The longest revocation reason, as the registry keeps it.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The most line errors an import answers; the count says how many there were.</summary>
    public const int MaxImportErrors = 1000;

    private const int MaxErrorsInDetail = 10;

    private const string AllVenuesEntry = ";" + VenueAccess.AllVenues + "/";

    // Reader, venue and zone ids have the tournament's id form, so they fit their columns and read the same everywhere.
    private static readonly SearchValues<char> s_idCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAccreditationApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var people = routes.MapGroup("/api/v1/accreditations").WithTags("Accreditation");
        people.MapPost("/import", ImportAsync).RequireRoles(Importers).DisableAntiforgery();
        people.MapGet("/", ListAsync).RequireRoles(Readers);
        people.MapGet("/{badge}", GetAsync).RequireRoles(Readers);
        people.MapPost("/{badge}/revoke", RevokeAsync).RequireRoles(Managers);
        people.MapPost("/{badge}/reinstate", ReinstateAsync).RequireRoles(Managers);

        var scans = routes.MapGroup("/api/v1/checkpoint-scans").WithTags("Accreditation");
        scans.MapPost("/", ScanAsync).RequireRoles(Roles.Sensor);
        scans.MapGet("/", ListScansAsync).RequireRoles(ScanReaders);
        return routes;
    }

    /// <summary>The filters and page of the people listing; <c>q</c> searches names and badge ids.</summary>
    public sealed record AccreditationQuery(
        string? Venue,
        string? Organisation,
        string? Function,
        string? Q,
        bool? Revoked,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>An accredited person; <c>zones</c> in the list's notation, <c>revocation</c> null unless the badge is revoked.</summary>
    public sealed record PersonView(
        string BadgeId, string Name, string Organisation, string Function, string? Photo, DateTimeOffset ValidFrom, DateTimeOffset ValidTo,
        string Zones, RevocationView? Revocation, DateTimeOffset ImportedAt, string ImportedBy);

    /// <summary>A badge revocation.</summary>
    public sealed record RevocationView(string BadgeId, DateTimeOffset RevokedAt, string RevokedBy, string? Reason);

    /// <summary>What an import did.</summary>
    public sealed record ImportReceipt(int Imported, int Added, int Replaced, int Revoked);

    /// <summary>A line of an imported list that was refused.</summary>
    public sealed record ImportError(int Line, string Message);

    /// <summary>Why a badge is revoked.</summary>
    public sealed record RevokeRequest(string? Reason);

    /// <summary>
    /// A badge presented at a checkpoint: what the reader read, the reader's checkpoint, the zone it leads into, and the
    /// venue (taken from the key when it is limited to one venue).
    /// </summary>
    public sealed record CheckpointScanRequest(string? Badge, string? Venue, string? Checkpoint, string? Zone);

    /// <summary>The checkpoint's answer: <c>admit</c> or <c>deny</c>, why, and whose badge it is when the badge is known.</summary>
    public sealed record CheckpointAnswer(long ScanId, DateTimeOffset At, string Decision, string Reason, CheckpointPerson? Person);

    /// <summary>What a checkpoint shows of the holder.</summary>
    public sealed record CheckpointPerson(string Name, string Organisation, string Function);

    /// <summary>The filters and page of the scan listing.</summary>
    public sealed record CheckpointScanQuery(
        string? Venue,
        string? Checkpoint,
        string? Badge,
        string? Decision,
        string? Reason,
        DateTimeOffset? Since,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>A stored checkpoint scan.</summary>
    public sealed record CheckpointScanView(
        long Id, DateTimeOffset At, string Badge, string Venue, string Checkpoint, string Zone, string Decision, string Reason, string Sensor);

    /// <summary>A page of scans, with the scans of every page counted by reason.</summary>
    public sealed record CheckpointScanPage(
        IReadOnlyList<CheckpointScanView> Items, int Total, int PageNumber, int PageSize, IReadOnlyDictionary<string, int> ByReason);

    internal static async Task<Results<Ok<ImportReceipt>, ProblemHttpResult>> ImportAsync(
        HttpContext http, ClaimsPrincipal caller, LiveAccreditation live, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Unavailable(live) is { } unavailable)
        {
            return unavailable;
        }

        if (!IsCsv(http.Request.ContentType))
        {
            return TypedResults.Problem(
                detail: $"send the list as text/csv (got '{EnumText.Clip(http.Request.ContentType ?? "no content type")}')",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        string text;
        try
        {
            // Strict UTF-8: a list saved in another encoding would otherwise import names with replacement characters.
            using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return Problems.BadRequest("the list is not UTF-8 text; save it as CSV UTF-8 and send it again");
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: ex.StatusCode, title: "Bad request");
        }

        var read = AccreditationCsv.Read(new StringReader(text), live.Tournament);
        var errors = new List<AccreditationCsvError>(read.Errors);
        for (var i = 0; i < read.People.Count; i++)
        {
            if (AccreditationRecords.CheckStorable(read.People[i]) is { } problem)
            {
                errors.Add(new AccreditationCsvError(read.Lines[i], problem));
            }
        }

        if (errors.Count > 0)
        {
            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            return LineProblem(StatusCodes.Status400BadRequest, "Bad request", $"{errors.Count} line(s) of the list are wrong; nothing was imported", errors);
        }

        if (read.People.Count == 0)
        {
            return Problems.BadRequest("the list has a header and no one after it; nothing was imported");
        }

        // A venue-limited caller imports only people whose every grant is for one of its venues.
        if (caller.Venues() is { Count: > 0 } venues)
        {
            var outside = new List<AccreditationCsvError>();
            for (var i = 0; i < read.People.Count; i++)
            {
                if (read.People[i].Access.FirstOrDefault(a => !venues.Contains(a.VenueId, StringComparer.OrdinalIgnoreCase)) is { } grant)
                {
                    outside.Add(new AccreditationCsvError(read.Lines[i], $"grants venue '{grant.VenueId}'; you are limited to {string.Join(", ", venues)}"));
                }
            }

            if (outside.Count > 0)
            {
                return LineProblem(StatusCodes.Status403Forbidden, "Forbidden", $"{outside.Count} line(s) grant venues you may not act on; nothing was imported", outside);
            }
        }

        var actor = caller.Actor();
        var import = await live.ImportAsync(read.People, actor, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            actor, "accreditation.import", "accreditation_list", null,
            new JsonObject { ["imported"] = import.Imported, ["added"] = import.Added, ["replaced"] = import.Replaced, ["revoked"] = import.Revoked },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ImportReceipt(import.Imported, import.Added, import.Replaced, import.Revoked));
    }

    internal static async Task<Results<Ok<AlertsApi.Page<PersonView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] AccreditationQuery query, ClaimsPrincipal caller, LiveAccreditation live, IDbContextFactory<HarisDbContext> contexts,
        CancellationToken cancellationToken)
    {
        if (CheckListing(live, caller, query.Page, query.PageSize, query.Venue, out var paging) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var people = db.AccreditedPeople.AsNoTracking();

        // Grants are stored as "venue/zone" entries joined by ';': with a ';' in front, every entry of a venue reads ";venue/".
        if (query.Venue is { } venue)
        {
            var entry = ";" + venue + "/";
            people = people.Where(p => (";" + p.Access).Contains(entry) || (";" + p.Access).Contains(AllVenuesEntry));
        }

        var limited = caller.Venues();
        if (limited.Count > 0)
        {
            var entries = limited.Select(v => ";" + v + "/").ToList();
            people = people.Where(p => (";" + p.Access).Contains(AllVenuesEntry) || entries.Any(e => (";" + p.Access).Contains(e)));
        }

        if (query.Organisation is { } organisation)
        {
            var wanted = organisation.Trim().ToUpperInvariant();
            people = people.Where(p => p.Organisation.ToUpper() == wanted);
        }

        if (query.Function is { } function)
        {
            var wanted = function.Trim().ToUpperInvariant();
            people = people.Where(p => p.Function.ToUpper() == wanted);
        }

        if (query.Q is { Length: > 0 } q)
        {
            var wanted = q.Trim().ToUpperInvariant();
            people = people.Where(p => p.Name.ToUpper().Contains(wanted) || p.BadgeId.ToUpper().Contains(wanted));
        }

        if (query.Revoked is { } revoked)
        {
            people = people.Where(p => db.BadgeRevocations.Any(r => r.BadgeId == p.BadgeId) == revoked);
        }

        var total = await people.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await people.OrderBy(p => p.Name).ThenBy(p => p.BadgeId).Skip(paging.Skip).Take(paging.Size)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var badges = items.Select(p => p.BadgeId).ToList();
        var revocations = await db.BadgeRevocations.AsNoTracking().Where(r => badges.Contains(r.BadgeId))
            .ToDictionaryAsync(r => r.BadgeId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AlertsApi.Page<PersonView>(
            [.. items.Select(p => View(p, revocations.GetValueOrDefault(p.BadgeId)))], total, paging.Page, paging.Size));
    }

    internal static async Task<Results<Ok<PersonView>, ProblemHttpResult>> GetAsync(
        string badge, ClaimsPrincipal caller, LiveAccreditation live, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        if (Unavailable(live) is { } unavailable)
        {
            return unavailable;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var person = await db.AccreditedPeople.AsNoTracking().SingleOrDefaultAsync(p => p.BadgeId == badge, cancellationToken).ConfigureAwait(false);
        if (person is null || !MaySee(caller, AccreditationRecords.VenuesOf(person.Access)))
        {
            return Problems.NotFound($"no accredited person with badge '{EnumText.Clip(badge)}'");
        }

        var revocation = await db.BadgeRevocations.AsNoTracking().SingleOrDefaultAsync(r => r.BadgeId == badge, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(View(person, revocation));
    }

    internal static async Task<Results<Ok<RevocationView>, ProblemHttpResult>> RevokeAsync(
        string badge, RevokeRequest request, ClaimsPrincipal caller, LiveAccreditation live, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Unavailable(live) is { } unavailable)
        {
            return unavailable;
        }

        if (CheckBadge(badge, caller, live) is { } problem)
        {
            return problem;
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problems.BadRequest($"reason is required, at most {MaxReasonLength} characters");
        }

        var actor = caller.Actor();
        BadgeRevocationRecord revocation;
        bool created;
        try
        {
            (revocation, created) = await live.RevokeAsync(badge, reason, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        if (!created)
        {
            return Problems.Conflict(
                $"badge '{badge}' was already revoked at {revocation.RevokedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)} by {revocation.RevokedBy}");
        }

        await audit.AppendAsync(
            actor, "accreditation.revoke", "badge", badge,
            new JsonObject { ["reason"] = reason, ["registered"] = live.Registry.TryGet(badge, out _) }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(View(revocation));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ReinstateAsync(
        string badge, ClaimsPrincipal caller, LiveAccreditation live, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Unavailable(live) is { } unavailable)
        {
            return unavailable;
        }

        if (CheckBadge(badge, caller, live) is { } problem)
        {
            return problem;
        }

        var lifted = await live.ReinstateAsync(badge, cancellationToken).ConfigureAwait(false);
        if (lifted is null)
        {
            return Problems.Conflict($"badge '{badge}' is not revoked");
        }

        await audit.AppendAsync(
            caller.Actor(), "accreditation.reinstate", "badge", badge,
            new JsonObject
            {
                ["revoked_at"] = lifted.RevokedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["revoked_by"] = lifted.RevokedBy,
                ["reason"] = lifted.Reason,
            },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<CheckpointAnswer>, ProblemHttpResult>> ScanAsync(
        CheckpointScanRequest request, ClaimsPrincipal caller, LiveAccreditation live, CancellationToken cancellationToken)
    {
        if (Unavailable(live) is { } unavailable)
        {
            return unavailable;
        }

        if (!AccreditedPerson.IsBadgeId(request.Badge))
        {
            return Problems.BadRequest(request.Badge is null
                ? "badge is required: what the reader read"
                : $"badge '{EnumText.Clip(request.Badge)}' is not a badge id: 1 to 64 ASCII letters, digits, '-' and '_'");
        }

        if ((IdProblem("checkpoint", request.Checkpoint) ?? IdProblem("zone", request.Zone)) is { } idProblem)
        {
            return Problems.BadRequest(idProblem);
        }

        // A key limited to venues speaks only for them, and for its one venue without naming it.
        var venue = request.Venue;
        var scoped = caller.Venues();
        if (scoped.Count > 0)
        {
            if (venue is not null && !scoped.Contains(venue, StringComparer.OrdinalIgnoreCase))
            {
                return Problems.Forbidden($"this key may only send for venue(s) {string.Join(", ", scoped)}");
            }

            venue ??= scoped.Count == 1 ? scoped[0] : null;
        }

        if (IdProblem("venue", venue) is { } venueProblem)
        {
            return Problems.BadRequest(venue is null && scoped.Count > 1 ? "venue is required: this key sends for several venues" : venueProblem);
        }

        var outcome = await live.ScanAsync(request.Badge!, venue!, request.Checkpoint!, request.Zone!, caller.Actor(), cancellationToken).ConfigureAwait(false);
        var verdict = outcome.Verdict;
        var person = verdict.Person is { } p ? new CheckpointPerson(p.Name, p.Organisation, p.Function) : null;
        return TypedResults.Ok(new CheckpointAnswer(outcome.Scan.Id, outcome.Scan.At, verdict.DecisionName, verdict.ReasonName, person));
    }

    internal static async Task<Results<Ok<CheckpointScanPage>, ProblemHttpResult>> ListScansAsync(
        [AsParameters] CheckpointScanQuery query, ClaimsPrincipal caller, LiveAccreditation live, IDbContextFactory<HarisDbContext> contexts,
        CancellationToken cancellationToken)
    {
        if (CheckListing(live, caller, query.Page, query.PageSize, query.Venue, out var paging) is { } listingProblem)
        {
            return listingProblem;
        }

        if (!EnumText.TryParseOptional<AccreditationDecision>(query.Decision, "decision", out var decision, out var problem)
            || !EnumText.TryParseOptional<AccreditationReason>(query.Reason, "reason", out var reason, out problem))
        {
            return Problems.BadRequest(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var scans = db.CheckpointScans.AsNoTracking();
        if (query.Venue is { } venue)
        {
            scans = scans.Where(s => s.Venue == venue);
        }

        var venues = caller.Venues();
        if (venues.Count > 0)
        {
            scans = scans.Where(s => venues.Contains(s.Venue));
        }

        if (query.Checkpoint is { } checkpoint)
        {
            scans = scans.Where(s => s.Checkpoint == checkpoint);
        }

        if (query.Badge is { } badge)
        {
            scans = scans.Where(s => s.BadgeId == badge);
        }

        if (decision is { } d)
        {
            var name = EnumText.Name(d);
            scans = scans.Where(s => s.Decision == name);
        }

        if (reason is { } r)
        {
            var name = EnumText.Name(r);
            scans = scans.Where(s => s.Reason == name);
        }

        if (query.Since is { } since)
        {
            scans = scans.Where(s => s.At >= since);
        }

        var byReason = await scans.GroupBy(s => s.Reason).Select(g => new { Reason = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Reason, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var items = await scans.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Skip(paging.Skip).Take(paging.Size)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CheckpointScanPage(
            [.. items.Select(s => new CheckpointScanView(s.Id, s.At, s.BadgeId, s.Venue, s.Checkpoint, s.Zone, s.Decision, s.Reason, s.Sensor))],
            byReason.Values.Sum(), paging.Page, paging.Size, byReason));
    }

    private static ProblemHttpResult? Unavailable(LiveAccreditation live)
    {
        if (live.Tournament is null)
        {
            return Problems.NotFound("this server runs without a tournament: set Tournament:Path in haris.yaml");
        }

        return live.IsLoaded
            ? null
            : TypedResults.Problem(
                detail: "the accreditation list is still loading; try again in a moment", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable");
    }

    // What both listings check first: a tournament, the page, and a venue filter the caller may use.
    private static ProblemHttpResult? CheckListing(LiveAccreditation live, ClaimsPrincipal caller, int? page, int? pageSize, string? venue, out Paging paging)
    {
        paging = default;
        if (Unavailable(live) is { } unavailable)
        {
            return unavailable;
        }

        if (!Paging.TryRead(page, pageSize, out paging, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        return venue is not null && !caller.MaySee(venue)
            ? Problems.Forbidden($"you are limited to venues {string.Join(", ", caller.Venues())}")
            : null;
    }

    private static bool IsCsv(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    // The badge in a revoke or reinstate path: its form, and for a venue-limited caller a person it may act on. Others
    // may revoke a badge no list names yet (reported stolen before the list that names it arrives).
    private static ProblemHttpResult? CheckBadge(string badge, ClaimsPrincipal caller, LiveAccreditation live)
    {
        if (!AccreditedPerson.IsBadgeId(badge))
        {
            return Problems.BadRequest($"'{EnumText.Clip(badge)}' is not a badge id: 1 to 64 ASCII letters, digits, '-' and '_'");
        }

        if (caller.Venues().Count == 0)
        {
            return null;
        }

        return live.Registry.TryGet(badge, out var person) && MaySee(caller, person.Access.Select(a => a.VenueId))
            ? null
            : Problems.NotFound($"no accredited person with badge '{badge}' at your venues");
    }

    private static bool MaySee(ClaimsPrincipal caller, IEnumerable<string> grantedVenues) =>
        caller.Venues().Count == 0 || grantedVenues.Any(v => v == VenueAccess.AllVenues || caller.MaySee(v));

    private static string? IdProblem(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{name} is required";
        }

        return value.Length > 64 || value.AsSpan().ContainsAnyExcept(s_idCharacters)
            ? $"{name} '{EnumText.Clip(value)}' is not an id: lower-case letters, digits, '-' and '_', at most 64 characters"
            : null;
    }

    private static ProblemHttpResult LineProblem(int status, string title, string summary, List<AccreditationCsvError> errors)
    {
        var shown = string.Join("; ", errors.Take(MaxErrorsInDetail).Select(e => e.ToString()));
        var more = errors.Count > MaxErrorsInDetail ? $"; and {errors.Count - MaxErrorsInDetail} more in errors" : "";
        return TypedResults.Problem(
            detail: $"{summary}: {shown}{more}",
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Take(MaxImportErrors).Select(e => new ImportError(e.Line, e.Message)).ToList(),
            });
    }

    private static PersonView View(AccreditedPersonRecord p, BadgeRevocationRecord? revocation) => new(
        p.BadgeId, p.Name, p.Organisation, p.Function, p.PhotoReference, p.ValidFrom.ToUniversalTime(), p.ValidTo.ToUniversalTime(), p.Access,
        revocation is null ? null : View(revocation), p.ImportedAt.ToUniversalTime(), p.ImportedBy);

    private static RevocationView View(BadgeRevocationRecord r) => new(r.BadgeId, r.RevokedAt.ToUniversalTime(), r.RevokedBy, r.Reason);
}
