using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Haris.Core.Security;
using Haris.Operations.Crowd;
using Haris.Operations.Tickets;
using Haris.Server.Hosting;
using Haris.Server.Operations.Ticketing;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Audit;
using Haris.Storage.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// The turnstiles and the crowd: <c>POST /api/v1/scans</c> decides a scan and answers once the verdict is stored;
/// <c>/api/v1/tickets</c> imports ticket lists and revokes tickets; <c>/api/v1/venues/{id}/crowd</c> shows occupancy
/// and gate rates; <c>/api/v1/clock</c> tells sensors the server's time.
/// </summary>
public static class ScansApi
{
    /// <summary>The roles that watch scans and crowds.</summary>
    public static readonly string[] Watchers = [Roles.Admin, Roles.Commander, Roles.Operator, Roles.Steward];

    /// <summary>The roles that import ticket lists and lift revocations.</summary>
    public static readonly string[] TicketOffice = [Roles.Admin, Roles.Commander];

    /// <summary>The roles that revoke a ticket.</summary>
    public static readonly string[] Revokers = [Roles.Admin, Roles.Commander, Roles.Operator];

    /// <summary>The longest revocation reason.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapScansApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1");
        var scans = api.MapGroup("/scans").WithTags("Tickets");
        scans.MapPost("/", SubmitAsync).RequireRoles(Roles.Sensor);
        scans.MapGet("/", ListAsync).RequireRoles(Watchers);
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapPost("/import", ImportAsync).RequireRoles(TicketOffice);
        tickets.MapPost("/{id}/revoke", RevokeAsync).RequireRoles(Revokers);
        tickets.MapPost("/{id}/reinstate", ReinstateAsync).RequireRoles(TicketOffice);
        api.MapGet("/venues/{id}/crowd", GetCrowd).WithTags("Tickets").RequireRoles(VenuesApi.Readers);
        api.MapGet("/clock", GetClock).WithTags("Tickets").RequireRoles([.. Roles.All]);
        return routes;
    }

    /// <summary>
    /// A turnstile scan: the <c>gate</c> (of the key's venue, or of <c>venue</c> for a key not limited to one), the
    /// <c>token</c> read, and <c>direction</c> <c>in</c> (default) or <c>out</c>.
    /// </summary>
    public sealed record ScanBody(string? Gate, string? Token, string? Direction, string? Venue);

    /// <summary>
    /// The verdict: <c>admit</c> or <c>reject</c>, why, and for a wrong gate the gate printed on the ticket. It is
    /// stored (as scan <c>scan_id</c>) before it is sent.
    /// </summary>
    public sealed record ScanAnswer(
        string Verdict, string Reason, string? RedirectGate, string? TicketId, string? Match, long ScanId, DateTimeOffset At);

    /// <summary>Which scans to list, newest first.</summary>
    public sealed record ScanQuery(
        string? Venue,
        string? Gate,
        string? Match,
        string? Reason,
        string? Decision,
        DateTimeOffset? Since,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>A stored scan.</summary>
    public sealed record ScanItem(
        long Id, DateTimeOffset At, string Venue, string? Match, string Gate, string Direction, string Verdict, string Reason,
        string? RedirectGate, string? TicketId, string? Zone, string? TokenError, string Sensor);

    /// <summary>What an import stored.</summary>
    public sealed record ImportAnswer(int Imported, int Replaced);

    /// <summary>A revocation's reason.</summary>
    public sealed record RevokeBody(string? Reason);

    /// <summary>A ticket's revocation state.</summary>
    public sealed record RevocationAnswer(string TicketId, bool Revoked, DateTimeOffset? RevokedAt, string? RevokedBy, string? Reason);

    /// <summary>Persons inside a perimeter or zone: admitted minus exited.</summary>
    public sealed record CountView(long Inside, long Admitted, long Exited);

    /// <summary>A zone against its safe capacity.</summary>
    public sealed record ZoneCrowd(string Id, long Inside, long Admitted, long Exited, long SafeCapacity, double OccupancyPercent);

    /// <summary>
    /// A gate: its entry rate over the last minute against its capacity (turnstiles × 11 a minute), its scans of the
    /// last five minutes, when it last scanned, every verdict since the gates opened by reason, and the forecast queue.
    /// </summary>
    public sealed record GateCrowd(
        string Id, int Turnstiles, double RatePerMinute, double CapacityPerMinute, double UtilisationPercent, int ScansLast5Minutes,
        int CounterfeitLast5Minutes, DateTimeOffset? LastScan, IReadOnlyDictionary<string, long> Verdicts, GateForecast? Forecast);

    /// <summary>
    /// The queue forecast at a spectator gate for a sold-out match arriving along the typical pre-match curve: the queue
    /// and wait now, the peak, and when the wait first goes over 15 minutes (null when it never does).
    /// </summary>
    public sealed record GateForecast(
        double QueueNow, double WaitNowMinutes, double PeakQueue, DateTimeOffset? PeakAt, DateTimeOffset? WaitOver15MinutesAt);

    /// <summary>The crowd of a venue's match now.</summary>
    public sealed record CrowdView(
        string Venue, string Match, DateTimeOffset At, DateTimeOffset GatesOpen, DateTimeOffset KickOff, CountView Outer, CountView Inner,
        IReadOnlyList<ZoneCrowd> Zones, IReadOnlyList<GateCrowd> Gates);

    /// <summary>The server's time, and the exercise clock's start and speed when it runs on one.</summary>
    public sealed record ClockView(DateTimeOffset Now, bool Exercise, DateTimeOffset? Start, double Speed);

    internal static async Task<Results<Ok<ScanAnswer>, ProblemHttpResult>> SubmitAsync(
        ScanBody? body, ClaimsPrincipal caller, TicketOffice office, ScanDesk desk, HttpContext http, CancellationToken cancellationToken)
    {
        if (office.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (body is null)
        {
            return Problems.BadRequest("a JSON body {gate, token, direction} is required");
        }

        string? venueId = body.Venue;
        if (string.IsNullOrEmpty(venueId))
        {
            var venues = caller.Venues();
            if (venues.Count != 1)
            {
                return Problems.BadRequest("venue is required: this key is not limited to one venue");
            }

            venueId = venues[0];
        }

        if (!caller.MaySee(venueId))
        {
            return Problems.Forbidden($"this key may not scan at venue '{EnumText.Clip(venueId)}'");
        }

        if (tournament.Venue(venueId) is not { } venue)
        {
            return Problems.BadRequest($"no venue '{EnumText.Clip(venueId)}'");
        }

        if (string.IsNullOrEmpty(body.Gate))
        {
            return Problems.BadRequest("gate is required");
        }

        if (venue.Gate(body.Gate) is null)
        {
            return Problems.BadRequest($"no gate '{EnumText.Clip(body.Gate)}' at {venue.Id}");
        }

        if (body.Token is null)
        {
            return Problems.BadRequest("token is required");
        }

        if (!ScanNames.TryParseDirection(body.Direction, out var direction))
        {
            return Problems.BadRequest($"direction must be 'in' or 'out', not '{EnumText.Clip(body.Direction!)}'");
        }

        DecidedScan? decided;
        try
        {
            decided = await desk.SubmitAsync(venue.Id, new ScanRequest(body.Gate, body.Token, direction), caller.Actor(), cancellationToken).ConfigureAwait(false);
        }
        catch (ScanNotStoredException ex)
        {
            return Unavailable(http, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(http, "the server is stopping; present the ticket again");
        }

        if (decided is not { } scan)
        {
            return Unavailable(http, "too many scans are waiting; present the ticket again");
        }

        var verdict = scan.Verdict;
        return TypedResults.Ok(new ScanAnswer(verdict.DecisionName, verdict.ReasonName, verdict.RedirectGate, verdict.TicketId, scan.Match, scan.Id, scan.At));
    }

    internal static async Task<Results<Ok<AlertsApi.Page<ScanItem>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ScanQuery query, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(query.Page, query.PageSize, out var paging, out var pageProblem))
        {
            return Problems.BadRequest(pageProblem);
        }

        if (query.Reason is not null && !ScanNames.TryParseReason(query.Reason, out _))
        {
            return Problems.BadRequest($"reason must be one of {string.Join(", ", ScanNames.Reasons)}");
        }

        if (query.Decision is not (null or "admit" or "reject"))
        {
            return Problems.BadRequest("decision must be 'admit' or 'reject'");
        }

        if (query.Venue is not null && !caller.MaySee(query.Venue))
        {
            return Problems.Forbidden($"not allowed to see venue '{EnumText.Clip(query.Venue)}'");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var scans = db.TicketScans.AsNoTracking();
        var venues = caller.Venues();
        if (venues.Count > 0)
        {
            scans = scans.Where(s => venues.Contains(s.Venue));
        }

        scans = query.Venue is { } venue ? scans.Where(s => s.Venue == venue) : scans;
        scans = query.Gate is { } gate ? scans.Where(s => s.Gate == gate) : scans;
        scans = query.Match is { } match ? scans.Where(s => s.Match == match) : scans;
        scans = query.Reason is { } reason ? scans.Where(s => s.Reason == reason) : scans;
        scans = query.Decision is { } decision ? scans.Where(s => s.Decision == decision) : scans;
        scans = query.Since is { } since ? scans.Where(s => s.At >= since) : scans;
        var total = await scans.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await scans.OrderByDescending(s => s.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AlertsApi.Page<ScanItem>(
            [.. items.Select(s => new ScanItem(s.Id, s.At, s.Venue, s.Match, s.Gate, s.Direction, s.Decision, s.Reason, s.RedirectGate, s.TicketId, s.Zone, s.TokenError, s.Sensor))],
            total, paging.Page, paging.Size));
    }

    internal static async Task<Results<Ok<ImportAnswer>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal caller, TicketOffice office, IDbContextFactory<HarisDbContext> contexts, AuditLog audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (office.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("send the ticket list as text/csv", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        // Read whole first: the list is parsed synchronously, and Kestrel refuses synchronous reads of the body.
        string text;
        using (var body = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await body.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        TicketCsvReadResult read;
        using (var reader = new StringReader(text))
        {
            read = TicketCsv.Read(reader, office.Keys);
        }

        var errors = read.Errors.Select(e => e.ToString()).ToList();
        for (var i = 0; i < read.Tickets.Count; i++)
        {
            var ticket = read.Tickets[i];
            if (tournament.Match(ticket.MatchId) is not { } match)
            {
                errors.Add($"ticket {ticket.TicketId}: no match '{EnumText.Clip(ticket.MatchId)}'");
            }
            else if (tournament.VenueOf(match) is var venue && venue.Zone(ticket.ZoneId) is null)
            {
                errors.Add($"ticket {ticket.TicketId}: no zone '{EnumText.Clip(ticket.ZoneId)}' at {venue.Id}");
            }
            else if (venue.Gate(ticket.GateId) is null)
            {
                errors.Add($"ticket {ticket.TicketId}: no gate '{EnumText.Clip(ticket.GateId)}' at {venue.Id}");
            }
        }

        if (errors.Count > 0)
        {
            var shown = string.Join("; ", errors.Take(20));
            return Problems.BadRequest($"nothing imported: {errors.Count} problem(s): {shown}{(errors.Count > 20 ? "; …" : "")}");
        }

        if (read.Tickets.Count == 0)
        {
            return Problems.BadRequest("nothing imported: the list has no tickets");
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        int replaced;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var ids = read.Tickets.Select(t => t.TicketId).ToList();
            var existing = await db.ImportedTickets.Where(t => ids.Contains(t.TicketId)).ToDictionaryAsync(t => t.TicketId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
            replaced = existing.Count;
            foreach (var ticket in read.Tickets)
            {
                var row = existing.GetValueOrDefault(ticket.TicketId) ?? db.ImportedTickets.Add(new ImportedTicketRecord
                {
                    TicketId = ticket.TicketId,
                    Match = "",
                    Zone = "",
                    Gate = "",
                    Seat = "",
                    ImportedBy = actor,
                }).Entity;
                row.Match = ticket.MatchId;
                row.Zone = ticket.ZoneId;
                row.Gate = ticket.GateId;
                row.Seat = ticket.Seat;
                row.ValidFrom = ticket.ValidFrom;
                row.ValidTo = ticket.ValidTo;
                row.Token = ticket.Token;
                row.ImportedAt = now;
                row.ImportedBy = actor;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var ticket in read.Tickets)
        {
            office.Registry.Remove(ticket.TicketId);
            office.Registry.TryAdd(ticket);
        }

        var matches = string.Join(",", read.Tickets.Select(t => t.MatchId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        await audit.AppendAsync(actor, "tickets.import", "tickets", matches, new JsonObject
        {
            ["imported"] = read.Tickets.Count,
            ["replaced"] = replaced,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ImportAnswer(read.Tickets.Count, replaced));
    }

    internal static async Task<Results<Ok<RevocationAnswer>, ProblemHttpResult>> RevokeAsync(
        string id, RevokeBody? body, ClaimsPrincipal caller, TicketOffice office, IDbContextFactory<HarisDbContext> contexts, AuditLog audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (office.Tournament is null)
        {
            return NoTournament();
        }

        if (id.Length is 0 or > 64 || id.Any(char.IsControl))
        {
            return Problems.BadRequest($"'{EnumText.Clip(id)}' is not a ticket id");
        }

        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return Problems.BadRequest($"reason is at most {MaxReasonLength} characters");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.TicketRevocations.AsNoTracking().SingleOrDefaultAsync(r => r.TicketId == id, cancellationToken).ConfigureAwait(false) is { } already)
        {
            return Problems.Conflict($"ticket {id} was revoked at {already.RevokedAt.ToString("O", CultureInfo.InvariantCulture)} by {already.RevokedBy}");
        }

        var revocation = new TicketRevocationRecord { TicketId = id, RevokedAt = time.GetUtcNow(), RevokedBy = caller.Actor(), Reason = reason };
        db.TicketRevocations.Add(revocation);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        office.Revocations.Revoke(id);
        await audit.AppendAsync(revocation.RevokedBy, "tickets.revoke", "ticket", id, new JsonObject { ["reason"] = reason }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RevocationAnswer(id, true, revocation.RevokedAt, revocation.RevokedBy, reason));
    }

    internal static async Task<Results<Ok<RevocationAnswer>, ProblemHttpResult>> ReinstateAsync(
        string id, ClaimsPrincipal caller, TicketOffice office, IDbContextFactory<HarisDbContext> contexts, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (office.Tournament is null)
        {
            return NoTournament();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.TicketRevocations.SingleOrDefaultAsync(r => r.TicketId == id, cancellationToken).ConfigureAwait(false) is not { } revocation)
        {
            return Problems.NotFound($"ticket {EnumText.Clip(id)} is not revoked");
        }

        db.TicketRevocations.Remove(revocation);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        office.Revocations.Reinstate(id);
        await audit.AppendAsync(caller.Actor(), "tickets.reinstate", "ticket", id, new JsonObject { ["reason"] = revocation.Reason }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RevocationAnswer(id, false, null, null, null));
    }

    internal static Results<Ok<CrowdView>, ProblemHttpResult> GetCrowd(
        string id, [FromQuery] string? match, ClaimsPrincipal caller, TicketOffice office, TimeProvider time)
    {
        if (office.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (tournament.Venue(id) is not { } venue || !caller.MaySee(venue.Id))
        {
            return Problems.NotFound($"no venue '{EnumText.Clip(id)}'");
        }

        var now = time.GetUtcNow();
        var chosen = match is null ? office.GatesAt(venue.Id)!.MatchAt(now) : tournament.Match(match);
        if (chosen is null || chosen.VenueId != venue.Id)
        {
            return Problems.NotFound(match is null
                ? $"no match is under way at {venue.Id} at {now.ToString("O", CultureInfo.InvariantCulture)}"
                : $"no match '{EnumText.Clip(match)}' at {venue.Id}");
        }

        var crowd = office.CrowdOf(chosen);
        var snapshot = crowd.Occupancy.Snapshot();
        var zones = crowd.Plan.Zones.Select(z =>
        {
            var count = snapshot.Zone(z.Id);
            return new ZoneCrowd(z.Id, count.Inside, count.Admitted, count.Exited, z.SafeCapacity,
                z.SafeCapacity == 0 ? 0 : Math.Round(100.0 * count.Inside / z.SafeCapacity, 1));
        }).ToList();
        var gates = venue.Gates.Select(g =>
        {
            var lastMinute = crowd.Gates.Count(g.Id, TimeSpan.FromMinutes(1), now);
            var lastFive = crowd.Gates.Count(g.Id, CrowdAlertRules.SustainedWindow, now);
            var rate = GateRate.For(lastMinute, g.Turnstiles);
            return new GateCrowd(
                g.Id, g.Turnstiles, Math.Round(rate.PersonsPerMinute, 1), Math.Round(rate.CapacityPerMinute, 1), Math.Round(100 * rate.Utilisation, 1),
                lastFive.Scans, lastFive.Counterfeit, crowd.Gates.LastScanAt(g.Id),
                crowd.Totals(g.Id).ToDictionary(t => ScanNames.Name(t.Key), t => t.Value, StringComparer.Ordinal),
                ForecastAt(crowd.Forecast, g.Id, now));
        }).ToList();
        return TypedResults.Ok(new CrowdView(
            venue.Id, chosen.Id, now, chosen.GatesOpen, chosen.KickOff, Count(snapshot.Outer), Count(snapshot.Inner), zones, gates));
    }

    internal static Ok<ClockView> GetClock(TimeProvider time) => TypedResults.Ok(time is ExerciseClock exercise
        ? new ClockView(exercise.GetUtcNow(), true, exercise.Start, exercise.Speed)
        : new ClockView(time.GetUtcNow(), false, null, 1));

    private static GateForecast? ForecastAt(IngressForecast forecast, string gate, DateTimeOffset now)
    {
        var stage = forecast.Stages.FirstOrDefault(s => s.StageId == gate);
        if (stage is null)
        {
            return null;
        }

        // The sample of the step holding now: the queue at its end. Before the first step or after the last, none.
        var sample = stage.Samples.FirstOrDefault(s => s.At >= now);
        var (queue, wait) = sample.At == default ? (0.0, TimeSpan.Zero) : (sample.Queue, sample.Wait);
        return new GateForecast(
            Math.Round(queue), Math.Round(wait.TotalMinutes, 1), Math.Round(stage.PeakQueue), stage.PeakAt, stage.WaitExceededAt);
    }

    private static CountView Count(OccupancyCount count) => new(count.Inside, count.Admitted, count.Exited);

    private static ProblemHttpResult Unavailable(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }

    private static ProblemHttpResult NoTournament() =>
        Problems.NotFound("this server runs without a tournament: set Tournament:Path in haris.yaml");
}
