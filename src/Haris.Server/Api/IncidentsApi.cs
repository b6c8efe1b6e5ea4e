using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haris.Core.Incidents;
using Haris.Core.Security;
using Haris.Server.Operations;
using Haris.Server.Operations.Field;
using Haris.Server.Pipeline;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Alerts;
using Haris.Storage.Identity;
using Haris.Storage.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// <c>/api/v1/incidents</c>: the one incident model of both rooms — report, list, read, move through the workflow,
/// assign, comment, link alerts, record observables, merge duplicates; and <c>/api/v1/alerts/{id}/promote</c>.
/// </summary>
/// <remarks>
/// Callers limited to venues (operators, stewards) see and act only on incidents of those venues; an incident they
/// may not see answers 404, as one that does not exist. Every change adds a timeline line, an audit entry and a live
/// update. When the server runs a tournament, a reported incident's venue, zone and gate must be the tournament's, and
/// the procedure of its category is attached as its checklist; resolving or closing an incident releases its units.
/// </remarks>
public static class IncidentsApi
{
    /// <summary>The roles that read incidents.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Operator, Roles.Steward, Roles.PartnerLiaison];

    /// <summary>The roles that report incidents and comment on them; stewards report field incidents only.</summary>
    public static readonly string[] Reporters = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Operator, Roles.Steward];

    /// <summary>The roles that work incidents: move them through the workflow, assign them, merge duplicates.</summary>
    public static readonly string[] Handlers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Operator];

    /// <summary>The roles that bring cyber evidence into incidents: alerts and observables.</summary>
    public static readonly string[] Analysts = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst];

    /// <summary>The longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest description, comment or transition note.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The longest venue, zone or gate name.</summary>
    public const int MaxPlaceLength = 100;

    /// <summary>The longest note on an observable.</summary>
    public const int MaxObservableNoteLength = 1000;

    /// <summary>The most alerts linked in one request.</summary>
    public const int MaxAlertsPerLink = 500;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/incidents").WithTags("Incidents");
        group.MapGet("/", ListAsync).RequireRoles(Readers);
        group.MapPost("/", CreateAsync).RequireRoles(Reporters);
        group.MapGet("/{id:long}", GetAsync).RequireRoles(Readers);
        group.MapPost("/{id:long}/transition", TransitionAsync).RequireRoles(Handlers);
        group.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireRoles(Handlers);
        group.MapPost("/{id:long}/assign", AssignAsync).RequireRoles(Handlers);
        group.MapPost("/{id:long}/comments", CommentAsync).RequireRoles(Reporters);
        group.MapPost("/{id:long}/alerts", LinkAlertsAsync).RequireRoles(Analysts);
        group.MapPost("/{id:long}/observables", AddObservableAsync).RequireRoles(Analysts);
        group.MapPost("/{id:long}/merge", MergeAsync).RequireRoles(Handlers);

        // Promoting starts from an alert, so it lives under the alert's path; it creates an incident, so it is here.
        routes.MapGroup("/api/v1/alerts").WithTags("Incidents")
            .MapPost("/{id}/promote", PromoteAsync).RequireRoles(Analysts);
        return routes;
    }

    /// <summary>The filters and page of an incident listing; enum values in their API spelling (<c>in_progress</c>).</summary>
    public sealed record IncidentQuery(
        string? Status,
        string? Category,
        string? Severity,
        string? Venue,
        string? Assignee,
        bool? Open,
        bool? Escalated,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>An incident as listed; <c>escalated_at</c> is set when a critical incident went unacknowledged too long.</summary>
    public sealed record IncidentSummary(
        long Id, string Title, IncidentCategory Category, IncidentSeverity Severity, IncidentStatus Status,
        string? Venue, string? Zone, string? Gate, string? Assignee, string CreatedBy, DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EscalatedAt, DateTimeOffset? ClosedAt,
        long? MergedInto, int Version);

    /// <summary>One line of an incident's timeline; <c>data</c> holds the structured detail of a change.</summary>
    public sealed record TimelineItem(long Id, DateTimeOffset At, string Actor, TimelineEntryKind Kind, string? Text, JsonElement? Data);

    /// <summary>An indicator recorded on an incident.</summary>
    public sealed record ObservableItem(long Id, ObservableKind Kind, string Value, string? Note, string AddedBy, DateTimeOffset FirstSeen);

    /// <summary>One step of an incident's checklist, in the three languages of the event; ticked when <c>done_at</c> is set.</summary>
    public sealed record ChecklistItem(int Position, VenuesApi.Names Text, bool Done, DateTimeOffset? DoneAt, string? DoneBy);

    /// <summary>A unit dispatched to or on scene at the incident.</summary>
    public sealed record IncidentUnit(string Unit, UnitState Status, DateTimeOffset Since, string ChangedBy);

    /// <summary>
    /// One incident with its timeline (oldest first), linked alerts, observables, the statuses it may move to, its
    /// checklist and the units working it.
    /// </summary>
    public sealed record IncidentDetail(
        IncidentSummary Incident, string? Description, IReadOnlyList<IncidentStatus> NextStatuses, IReadOnlyList<TimelineItem> Timeline,
        IReadOnlyList<AlertsApi.AlertSummary> Alerts, IReadOnlyList<ObservableItem> Observables, IReadOnlyList<ChecklistItem> Checklist,
        IReadOnlyList<IncidentUnit> Units);

    /// <summary>A new incident; category and severity in their API spelling (<c>crowd_pressure</c>, <c>high</c>).</summary>
    public sealed record CreateIncident(
        string? Title, string? Category, string? Severity, string? Venue, string? Zone, string? Gate, string? Description);

    /// <summary>A move to another status, with an optional note for the timeline.</summary>
    public sealed record TransitionRequest(string? Status, string? Note);

    /// <summary>The user name to assign the incident to, or null to unassign it.</summary>
    public sealed record AssignRequest(string? Assignee);

    /// <summary>A comment for the timeline, kept and shown as plain text.</summary>
    public sealed record CommentRequest(string? Text);

    /// <summary>The ids of alerts to link as evidence.</summary>
    public sealed record LinkAlertsRequest(IReadOnlyList<string>? AlertIds);

    /// <summary>An indicator to record; the value is normalised for its kind.</summary>
    public sealed record ObservableRequest(string? Kind, string? Value, string? Note);

    /// <summary>The incident this one duplicates.</summary>
    public sealed record MergeRequest(long? Into);

    /// <summary>What the incident made from an alert should say, where it differs from what the alert suggests.</summary>
    public sealed record PromoteRequest(string? Title, string? Category, string? Severity);

    internal static async Task<Results<Ok<AlertsApi.Page<IncidentSummary>>, ProblemHttpResult>> ListAsync(
        [AsParameters] IncidentQuery query, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(query.Page, query.PageSize, out var paging, out var pageProblem))
        {
            return Problems.BadRequest(pageProblem);
        }

        if (!EnumText.TryParseOptional<IncidentStatus>(query.Status, "status", out var status, out var problem)
            || !EnumText.TryParseOptional<IncidentCategory>(query.Category, "category", out var category, out problem)
            || !EnumText.TryParseOptional<IncidentSeverity>(query.Severity, "severity", out var severity, out problem))
        {
            return Problems.BadRequest(problem);
        }

        if (query.Venue is not null && !caller.MaySee(query.Venue))
        {
            return Problems.Forbidden($"you are limited to venues {string.Join(", ", caller.Venues())}");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incidents = db.Incidents.AsNoTracking();
        if (status is { } s)
        {
            incidents = incidents.Where(i => i.Status == s);
        }

        if (query.Open is { } open)
        {
            incidents = open ? incidents.Where(i => i.Status != IncidentStatus.Closed) : incidents.Where(i => i.Status == IncidentStatus.Closed);
        }

        if (category is { } c)
        {
            incidents = incidents.Where(i => i.Category == c);
        }

        if (severity is { } v)
        {
            incidents = incidents.Where(i => i.Severity == v);
        }

        if (query.Venue is { } venue)
        {
            incidents = incidents.Where(i => i.Venue == venue);
        }

        if (query.Assignee is { } assignee)
        {
            incidents = incidents.Where(i => i.AssigneeName == assignee);
        }

        if (query.Escalated is { } escalated)
        {
            incidents = escalated ? incidents.Where(i => i.EscalatedAt != null) : incidents.Where(i => i.EscalatedAt == null);
        }

        var venues = caller.Venues();
        if (venues.Count > 0)
        {
            incidents = incidents.Where(i => i.Venue != null && venues.Contains(i.Venue));
        }

        var total = await incidents.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await incidents.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AlertsApi.Page<IncidentSummary>([.. items.Select(Summarize)], total, paging.Page, paging.Size));
    }

    internal static async Task<Results<Created<IncidentDetail>, ProblemHttpResult>> CreateAsync(
        CreateIncident request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal, TournamentCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitleLength)
        {
            return Problems.BadRequest($"title is required, at most {MaxTitleLength} characters");
        }

        if (!EnumText.TryParseRequired<IncidentCategory>(request.Category, "category", out var category, out var problem)
            || !EnumText.TryParseOptional<IncidentSeverity>(request.Severity, "severity", out var chosen, out problem))
        {
            return Problems.BadRequest(problem);
        }

        var severity = chosen ?? IncidentSeverity.Medium;

        var tooLong = TooLong(request.Description, MaxTextLength, "description")
            ?? TooLong(request.Venue, MaxPlaceLength, "venue")
            ?? TooLong(request.Zone, MaxPlaceLength, "zone")
            ?? TooLong(request.Gate, MaxPlaceLength, "gate");
        if (tooLong is not null)
        {
            return tooLong;
        }

        var venue = Blank(request.Venue);
        var venues = caller.Venues();
        if (venues.Count > 0)
        {
            // A caller limited to venues files under one of them, spelled as the limit spells it so listings match.
            if (venue is null)
            {
                if (venues.Count > 1)
                {
                    return Problems.BadRequest($"venue is required: you are limited to venues {string.Join(", ", venues)}");
                }

                venue = venues[0];
            }
            else
            {
                var match = venues.FirstOrDefault(v => string.Equals(v, venue, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    return Problems.Forbidden($"you may only report incidents at venues {string.Join(", ", venues)}");
                }

                venue = match;
            }
        }

        if (caller.IsInRole(Roles.Steward) && category.IsCyber())
        {
            return Problems.Forbidden($"stewards report field incidents only; '{EnumText.Name(category)}' is a cyber category");
        }

        var zone = Blank(request.Zone);
        var gate = Blank(request.Gate);
        if (catalog.Tournament is { } tournament && !FieldPlaces.TryResolve(tournament, ref venue, ref zone, ref gate, out var placeProblem))
        {
            return Problems.BadRequest(placeProblem);
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        var incident = new Incident
        {
            Title = title,
            Description = Blank(request.Description),
            Category = category,
            Severity = severity,
            Venue = venue,
            Zone = zone,
            Gate = gate,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
            Checklist = FieldPlaces.Checklist(catalog.Tournament, category),
        };
        incident.Timeline.Add(IncidentJournal.Entry(TimelineEntryKind.Created, actor, now, null));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await journal.RecordAsync(
            actor, "incident.create", incident,
            new JsonObject { ["title"] = title, ["category"] = EnumText.Name(category), ["severity"] = EnumText.Name(severity), ["venue"] = venue },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(Location(incident.Id), await DetailAsync(db, incident.Id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> TransitionAsync(
        long id, TransitionRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TournamentCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!EnumText.TryParseRequired<IncidentStatus>(request.Status, "status", out var to, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        if (TooLong(request.Note, MaxTextLength, "note") is { } tooLong)
        {
            return tooLong;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        return await MoveAsync(db, incident, to, Blank(request.Note), caller, journal, catalog, time, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> AcknowledgeAsync(
        long id, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal, TournamentCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        // Acknowledging what is already acknowledged (or worked on since) changes nothing, so two people pressing the
        // button at once both see it acknowledged; only a closed incident that nobody acknowledged cannot be.
        return incident.Status == IncidentStatus.Reported
            ? await MoveAsync(db, incident, IncidentStatus.Acknowledged, null, caller, journal, catalog, time, cancellationToken).ConfigureAwait(false)
            : incident.Status == IncidentStatus.Closed && incident.AcknowledgedAt is null
                ? Problems.Conflict($"incident {id} was closed without being acknowledged; closed incidents are final")
                : TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> MoveAsync(
        HarisDbContext db, Incident incident, IncidentStatus to, string? note, ClaimsPrincipal caller, IncidentJournal journal,
        TournamentCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = incident.Id;
        var from = incident.Status;
        if (!IncidentWorkflow.CanTransition(from, to))
        {
            var next = IncidentWorkflow.NextStatuses(from);
            var allowed = next.Count == 0 ? "closed incidents are final" : "from there it may move to " + string.Join(", ", next.Select(EnumText.Name));
            return Problems.Conflict($"incident {id} is {EnumText.Name(from)} and cannot move to {EnumText.Name(to)}; {allowed}");
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        incident.Status = to;
        incident.UpdatedAt = now;
        if (to == IncidentStatus.Acknowledged)
        {
            incident.AcknowledgedAt ??= now;
        }

        if (to == IncidentStatus.Closed)
        {
            incident.ClosedAt = now;
        }

        var data = new JsonObject { ["from"] = EnumText.Name(from), ["to"] = EnumText.Name(to) };
        incident.Timeline.Add(IncidentJournal.Entry(TimelineEntryKind.Transition, actor, now, note, data));

        // A resolved or closed incident needs no unit any more: its units are freed with the same save, so a unit is
        // never left held by an incident nobody works.
        IReadOnlyList<string> released = [];
        if (to is IncidentStatus.Resolved or IncidentStatus.Closed)
        {
            released = await UnitMoves.ReleaseAllAsync(db, incident, actor, now, $"incident {EnumText.Name(to)}", cancellationToken).ConfigureAwait(false);
        }

        if (await SaveAsync(db, id, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return conflict;
        }

        var details = (JsonObject)data.DeepClone();
        if (released.Count > 0)
        {
            details["released_units"] = IncidentJournal.Ids(released);
        }

        await journal.RecordAsync(actor, "incident.transition", incident, details, cancellationToken).ConfigureAwait(false);
        PublishUnits(journal, catalog, released);
        return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> AssignAsync(
        long id, AssignRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, UserManager<HarisUser> users,
        IncidentJournal journal, TimeProvider time, CancellationToken cancellationToken)
    {
        HarisUser? assignee = null;
        var name = Blank(request.Assignee);
        if (name is not null)
        {
            assignee = await users.FindByNameAsync(name).ConfigureAwait(false);
            if (assignee is null)
            {
                return Problems.BadRequest($"no user '{EnumText.Clip(name)}' to assign to");
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        var before = incident.AssigneeName;
        if (incident.AssigneeId == assignee?.Id)
        {
            return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        incident.AssigneeId = assignee?.Id;
        incident.AssigneeName = assignee?.UserName;
        incident.UpdatedAt = now;
        var data = new JsonObject { ["from"] = before, ["to"] = assignee?.UserName };
        var text = assignee is null ? "unassigned" : "assigned to " + assignee.UserName;
        incident.Timeline.Add(IncidentJournal.Entry(TimelineEntryKind.Assignment, actor, now, text, data));
        if (await SaveAsync(db, id, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return conflict;
        }

        await journal.RecordAsync(actor, "incident.assign", incident, data, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> CommentAsync(
        long id, CommentRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            return Problems.BadRequest($"text is required, at most {MaxTextLength} characters (got {text?.Length ?? 0})");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        var entry = IncidentJournal.Entry(TimelineEntryKind.Comment, actor, now, text);
        await IncidentJournal.AppendAsync(db, id, now, entry, cancellationToken).ConfigureAwait(false);
        await journal.RecordAsync(
            actor, "incident.comment", incident, new JsonObject { ["timeline_id"] = entry.Id, ["length"] = text.Length }, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> LinkAlertsAsync(
        long id, LinkAlertsRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var ids = request.AlertIds?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (ids.Count is 0 or > MaxAlertsPerLink)
        {
            return Problems.BadRequest($"alert_ids must list 1 to {MaxAlertsPerLink} alert ids");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return Problems.Conflict($"incident {id} is closed; link the alerts to an open incident");
        }

        var found = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Venue })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var missing = ids.Except(found.Where(a => Visible(caller, a.Venue)).Select(a => a.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return Problems.BadRequest($"no alert {string.Join(", ", missing.Take(10).Select(m => $"'{EnumText.Clip(m)}'"))}; nothing was linked");
        }

        var already = await db.IncidentAlertLinks.Where(l => l.IncidentId == id && ids.Contains(l.AlertId)).Select(l => l.AlertId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var fresh = ids.Except(already, StringComparer.Ordinal).ToList();
        if (fresh.Count > 0)
        {
            var now = time.GetUtcNow();
            var actor = caller.Actor();
            try
            {
                await IncidentJournal.LinkAsync(db, id, fresh, actor, now, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another request linked one of these alerts between the check above and the insert; nothing was kept.
                return Problems.Conflict($"alerts were linked to incident {id} by someone else at the same moment; read it again and retry");
            }

            await journal.RecordAsync(
                actor, "incident.link_alerts", incident, new JsonObject { ["alert_ids"] = IncidentJournal.Ids(fresh) },
                cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> AddObservableAsync(
        long id, ObservableRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!EnumText.TryParseRequired<ObservableKind>(request.Kind, "kind", out var kind, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        if (!Observables.TryNormalize(kind, request.Value, out var value))
        {
            return Problems.BadRequest($"'{EnumText.Clip(request.Value ?? "")}' is not a valid {EnumText.Name(kind)} observable");
        }

        if (TooLong(request.Note, MaxObservableNoteLength, "note") is { } tooLong)
        {
            return tooLong;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !Visible(caller, incident.Venue))
        {
            return NoIncident(id);
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return Problems.Conflict($"incident {id} is closed; record the observable on an open incident");
        }

        if (await db.Observables.AnyAsync(o => o.IncidentId == id && o.Kind == kind && o.Value == value, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"{EnumText.Name(kind)} {value} is already recorded on incident {id}");
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        var data = new JsonObject { ["kind"] = EnumText.Name(kind), ["value"] = value };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            db.Observables.Add(new IncidentObservable
            {
                IncidentId = id,
                Kind = kind,
                Value = value,
                Note = Blank(request.Note),
                FirstSeen = now,
                AddedBy = actor,
            });
            try
            {
                await IncidentJournal.AppendAsync(
                    db, id, now, IncidentJournal.Entry(TimelineEntryKind.ObservableAdded, actor, now, $"{EnumText.Name(kind)} {value}", data),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Recorded by another request between the check above and the insert (one value per incident is unique).
                return Problems.Conflict($"{EnumText.Name(kind)} {value} is already recorded on incident {id}");
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await journal.RecordAsync(actor, "incident.add_observable", incident, data, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> MergeAsync(
        long id, MergeRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TournamentCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Into is not { } into)
        {
            return Problems.BadRequest("into is required: the number of the incident this one duplicates");
        }

        if (into == id)
        {
            return Problems.BadRequest($"incident {id} cannot be merged into itself");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var source = await db.Incidents.Include(i => i.AlertLinks).Include(i => i.Observables).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (source is null || !Visible(caller, source.Venue))
        {
            return NoIncident(id);
        }

        var target = await db.Incidents.Include(i => i.AlertLinks).Include(i => i.Observables).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == into, cancellationToken).ConfigureAwait(false);
        if (target is null || !Visible(caller, target.Venue))
        {
            return NoIncident(into);
        }

        if (source.Status == IncidentStatus.Closed)
        {
            return Problems.Conflict($"incident {id} is already closed; only an open incident can be merged");
        }

        if (target.Status == IncidentStatus.Closed)
        {
            return Problems.Conflict($"incident {into} is closed; merge into an open incident");
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        var fromStatus = source.Status;
        source.Status = IncidentStatus.Closed;
        source.ClosedAt = now;
        source.UpdatedAt = now;
        source.MergedIntoId = into;
        target.UpdatedAt = now;

        // The evidence moves to the incident that stays open, so one place holds the whole story; what the target already
        // holds is not doubled.
        var targetAlerts = target.AlertLinks.Select(l => l.AlertId).ToHashSet(StringComparer.Ordinal);
        var movedAlerts = new List<string>();
        foreach (var link in source.AlertLinks.ToList())
        {
            source.AlertLinks.Remove(link);
            if (targetAlerts.Add(link.AlertId))
            {
                target.AlertLinks.Add(new IncidentAlertLink { AlertId = link.AlertId, LinkedAt = link.LinkedAt, LinkedBy = link.LinkedBy });
                movedAlerts.Add(link.AlertId);
            }
        }

        var targetObservables = target.Observables.Select(o => (o.Kind, o.Value)).ToHashSet();
        var movedObservables = 0;
        foreach (var observable in source.Observables.ToList())
        {
            // Re-pointed rather than removed and added: removing from the collection would delete it as an orphan.
            if (targetObservables.Add((observable.Kind, observable.Value)))
            {
                observable.IncidentId = into;
                movedObservables++;
            }
            else
            {
                db.Observables.Remove(observable);
            }
        }

        source.Timeline.Add(IncidentJournal.Entry(
            TimelineEntryKind.Merged, actor, now, $"merged into incident {into}",
            new JsonObject { ["into"] = into, ["from_status"] = EnumText.Name(fromStatus) }));
        target.Timeline.Add(IncidentJournal.Entry(
            TimelineEntryKind.Merged, actor, now, $"incident {id} merged into this one",
            new JsonObject { ["merged"] = id, ["alerts"] = movedAlerts.Count, ["observables"] = movedObservables }));

        // Closed by the merge, the duplicate frees its units like any closed incident; the one that stays may take them again.
        var released = await UnitMoves.ReleaseAllAsync(db, source, actor, now, $"incident merged into {into}", cancellationToken).ConfigureAwait(false);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await SaveAsync(db, id, cancellationToken).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            await db.Alerts.Where(a => a.IncidentId == id)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.IncidentId, into), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var details = new JsonObject
        {
            ["into"] = into,
            ["from_status"] = EnumText.Name(fromStatus),
            ["alerts_moved"] = movedAlerts.Count,
            ["observables_moved"] = movedObservables,
        };
        if (released.Count > 0)
        {
            details["released_units"] = IncidentJournal.Ids(released);
        }

        await journal.RecordAsync(actor, "incident.merge", source, details, cancellationToken).ConfigureAwait(false);
        await journal.RecordAsync(actor, "incident.merge_into", target, new JsonObject { ["merged"] = id }, cancellationToken).ConfigureAwait(false);
        PublishUnits(journal, catalog, released);
        return TypedResults.Ok(await DetailAsync(db, into, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Created<IncidentDetail>, ProblemHttpResult>> PromoteAsync(
        string id, PromoteRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TournamentCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var title = Blank(request.Title);
        if (title is { Length: > MaxTitleLength })
        {
            return Problems.BadRequest($"title must be at most {MaxTitleLength} characters");
        }

        if (!EnumText.TryParseOptional<IncidentCategory>(request.Category, "category", out var category, out var problem)
            || !EnumText.TryParseOptional<IncidentSeverity>(request.Severity, "severity", out var severity, out problem))
        {
            return Problems.BadRequest(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (alert is null || !Visible(caller, alert.Venue))
        {
            return Problems.NotFound($"no alert '{EnumText.Clip(id)}'");
        }

        if (alert.IncidentId is { } holder
            && await db.Incidents.AnyAsync(i => i.Id == holder && i.Status != IncidentStatus.Closed, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"alert '{id}' is already in open incident {holder}; link it or work that incident");
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        var incident = new Incident
        {
            Title = title ?? IncidentJournal.Fit(alert.RuleTitle, MaxTitleLength),
            Category = category ?? IncidentCategory.OtherCyber,
            Severity = severity ?? IncidentJournal.SeverityFor(alert.Level),
            Venue = alert.Venue,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        incident.Checklist = FieldPlaces.Checklist(catalog.Tournament, incident.Category);
        incident.Timeline.Add(IncidentJournal.Entry(
            TimelineEntryKind.Created, actor, now, $"promoted from alert {alert.Id}", new JsonObject { ["alert_id"] = alert.Id }));
        incident.AlertLinks.Add(new IncidentAlertLink { AlertId = alert.Id, LinkedAt = now, LinkedBy = actor });
        if (alert.SourceIp is { } ip && Observables.TryNormalize(ObservableKind.Ip, ip, out var address))
        {
            incident.Observables.Add(new IncidentObservable
            {
                Kind = ObservableKind.Ip,
                Value = address,
                FirstSeen = alert.FirstSeen,
                AddedBy = actor,
                Note = "source of alert " + alert.Id,
            });
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            // Taken only if no one else took the alert since it was read; otherwise the new incident is rolled back.
            var previous = alert.IncidentId;
            var taken = await db.Alerts.Where(a => a.Id == alert.Id && a.IncidentId == previous)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.IncidentId, incident.Id), cancellationToken).ConfigureAwait(false);
            if (taken == 0)
            {
                return Problems.Conflict($"alert '{id}' was taken into an incident by someone else at the same moment; read it again");
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await journal.RecordAsync(
            actor, "incident.create", incident,
            new JsonObject { ["from_alert"] = alert.Id, ["title"] = incident.Title, ["severity"] = EnumText.Name(incident.Severity) },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(Location(incident.Id), await DetailAsync(db, incident.Id, caller, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<ProblemHttpResult?> SaveAsync(HarisDbContext db, long id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"incident {id} was changed by someone else at the same moment; read it again and retry");
        }
    }

    /// <summary>The incident as every incident endpoint answers it; the caller must be allowed to see it.</summary>
    internal static async Task<IncidentDetail> DetailAsync(HarisDbContext db, long id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        var timeline = await db.IncidentTimeline.AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var alerts = await db.IncidentAlertLinks.AsNoTracking().Where(l => l.IncidentId == id).Select(l => l.Alert!)
            .OrderByDescending(a => a.Timestamp).ThenByDescending(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var observables = await db.Observables.AsNoTracking().Where(o => o.IncidentId == id).OrderBy(o => o.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var checklist = await db.IncidentChecklist.AsNoTracking().Where(s => s.IncidentId == id).OrderBy(s => s.Position)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.UnitStatus.AsNoTracking().Where(u => u.IncidentId == id).OrderBy(u => u.Since).ThenBy(u => u.UnitId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IncidentDetail(
            Summarize(incident),
            incident.Description,
            IncidentWorkflow.NextStatuses(incident.Status),
            [.. timeline.Select(e => new TimelineItem(e.Id, e.At, e.Actor, e.Kind, e.Text, ParseData(e.Data)))],
            [.. alerts.Where(a => Visible(caller, a.Venue)).Select(SummarizeAlert)],
            [.. observables.Select(o => new ObservableItem(o.Id, o.Kind, o.Value, o.Note, o.AddedBy, o.FirstSeen))],
            [.. checklist.Select(s => new ChecklistItem(s.Position, new VenuesApi.Names(s.TextEn, s.TextFr, s.TextAr), s.DoneAt is not null, s.DoneAt, s.DoneBy))],
            [.. units.Where(u => UnitMoves.StateOf(u) != UnitState.Available).Select(u => new IncidentUnit(u.UnitId, UnitMoves.StateOf(u), u.Since, u.ChangedBy))]);
    }

    /// <summary>Tells live screens about units freed by a change of the incident, each under its home venue.</summary>
    internal static void PublishUnits(IncidentJournal journal, TournamentCatalog catalog, IReadOnlyList<string> unitIds)
    {
        foreach (var unitId in unitIds)
        {
            journal.UnitMoved(unitId, catalog.Tournament?.Unit(unitId)?.HomeVenue);
        }
    }

    private static JsonElement? ParseData(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }

    // As in the alerts API: a caller limited to venues sees only records of those venues, not venue-less ones.
    internal static bool Visible(ClaimsPrincipal caller, string? venue) =>
        caller.Venues().Count == 0 || (venue is not null && caller.MaySee(venue));

    internal static ProblemHttpResult NoIncident(long id) => Problems.NotFound($"no incident {id}");

    private static string Location(long id) => "/api/v1/incidents/" + id.ToString(CultureInfo.InvariantCulture);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ProblemHttpResult? TooLong(string? text, int max, string name) =>
        text is not null && text.Trim().Length > max ? Problems.BadRequest($"{name} must be at most {max} characters (got {text.Trim().Length})") : null;

    private static IncidentSummary Summarize(Incident i) => new(
        i.Id, i.Title, i.Category, i.Severity, i.Status, i.Venue, i.Zone, i.Gate, i.AssigneeName, i.CreatedBy, i.CreatedAt, i.UpdatedAt,
        i.AcknowledgedAt, i.EscalatedAt, i.ClosedAt, i.MergedIntoId, i.Version);

    private static AlertsApi.AlertSummary SummarizeAlert(StoredAlert a) => new(
        a.Id, a.RuleId, a.RuleTitle, a.RuleName, a.Level, a.Timestamp, a.SourceIp, a.Venue, a.Dataset, a.Count,
        a.FirstSeen, a.LastSeen, a.Status, a.IncidentId, a.Tags, a.SourceFile, a.SourceLine);
}
