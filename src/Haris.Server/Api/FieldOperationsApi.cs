using System.Security.Claims;
using System.Text.Json.Nodes;
using Haris.Core.Incidents;
using Haris.Operations.Tournaments;
using Haris.Server.Operations;
using Haris.Server.Operations.Field;
using Haris.Server.Pipeline;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Incidents;
using Haris.Storage.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// The endpoints of the operations room's field work: <c>/api/v1/units</c> (the tournament's security units and where
/// each stands), dispatching a unit to an incident, its arrival and release, and ticking an incident's checklist.
/// </summary>
/// <remarks>
/// A unit is available, dispatched (to one incident) or on scene. Every move is a line on the incident's timeline with
/// the unit in its data, an audit entry on the incident and two live updates (the incident, the unit). Two dispatchers
/// sending one unit at the same moment cannot both succeed: the unit's row is written only if it is as it was read.
/// Callers limited to venues see and move only units based at their venues.
/// </remarks>
public static class FieldOperationsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapFieldOperationsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var units = routes.MapGroup("/api/v1/units").WithTags("Units");
        units.MapGet("/", ListUnitsAsync).RequireRoles(IncidentsApi.Readers);
        units.MapGet("/{id}", GetUnitAsync).RequireRoles(IncidentsApi.Readers);
        units.MapPost("/{id}/arrived", ArrivedAsync).RequireRoles(IncidentsApi.Handlers);
        units.MapPost("/{id}/release", ReleaseAsync).RequireRoles(IncidentsApi.Handlers);

        var incidents = routes.MapGroup("/api/v1/incidents").WithTags("Incidents");
        incidents.MapPost("/{id:long}/dispatch", DispatchAsync).RequireRoles(IncidentsApi.Handlers);
        incidents.MapPost("/{id:long}/checklist/{position:int}", TickAsync).RequireRoles(IncidentsApi.Reporters);
        return routes;
    }

    /// <summary>The filters of the unit listing: the home venue, and the state in its API spelling (<c>on_scene</c>).</summary>
    public sealed record UnitQuery(string? Venue, string? Status);

    /// <summary>A unit of the tournament with where it stands; <c>incident</c> is set while it is dispatched or on scene.</summary>
    public sealed record UnitItem(
        string Id, UnitKind Kind, VenuesApi.Names Name, string? HomeVenue, int Size, UnitState Status, long? Incident, DateTimeOffset? Since,
        string? ChangedBy);

    /// <summary>The unit to send.</summary>
    public sealed record DispatchRequest(string? Unit);

    /// <summary>Whether the checklist step is done (true) or to do again (false).</summary>
    public sealed record ChecklistRequest(bool? Done);

    internal static async Task<Results<Ok<IReadOnlyList<UnitItem>>, ProblemHttpResult>> ListUnitsAsync(
        [AsParameters] UnitQuery query, ClaimsPrincipal caller, TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts,
        CancellationToken cancellationToken)
    {
        if (catalog.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (!EnumText.TryParseOptional<UnitState>(query.Status, "status", out var status, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        var venue = query.Venue?.Trim();
        if (venue is not null)
        {
            if (tournament.Venues.FirstOrDefault(v => string.Equals(v.Id, venue, StringComparison.OrdinalIgnoreCase)) is not { } known)
            {
                return Problems.BadRequest($"venue '{EnumText.Clip(venue)}' is not a venue of the tournament");
            }

            if (caller.Venues().Count > 0 && !caller.MaySee(known.Id))
            {
                return Problems.Forbidden($"you are limited to venues {string.Join(", ", caller.Venues())}");
            }

            venue = known.Id;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var records = await db.UnitStatus.AsNoTracking().ToDictionaryAsync(u => u.UnitId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<UnitItem> items =
        [
            .. tournament.Units
                .Where(u => MayMove(caller, u) && (venue is null || u.HomeVenue == venue))
                .Select(u => Describe(u, records.GetValueOrDefault(u.Id)))
                .Where(u => status is null || u.Status == status),
        ];
        return TypedResults.Ok(items);
    }

    internal static async Task<Results<Ok<UnitItem>, ProblemHttpResult>> GetUnitAsync(
        string id, ClaimsPrincipal caller, TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        if (catalog.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (tournament.Unit(id) is not { } unit || !MayMove(caller, unit))
        {
            return NoUnit(id);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var record = await db.UnitStatus.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unit.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Describe(unit, record));
    }

    internal static async Task<Results<Ok<IncidentsApi.IncidentDetail>, ProblemHttpResult>> DispatchAsync(
        long id, DispatchRequest request, ClaimsPrincipal caller, TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts,
        IncidentJournal journal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        var unitId = request.Unit?.Trim();
        if (string.IsNullOrEmpty(unitId))
        {
            return Problems.BadRequest("unit is required: the id of one of the tournament's units");
        }

        if (tournament.Unit(unitId) is not { } unit || !MayMove(caller, unit))
        {
            return NoUnit(unitId);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !IncidentsApi.Visible(caller, incident.Venue))
        {
            return IncidentsApi.NoIncident(id);
        }

        if (!TakesUnits(incident.Status))
        {
            return Problems.Conflict($"incident {id} is {EnumText.Name(incident.Status)}; units are dispatched to incidents still being worked");
        }

        var record = await db.UnitStatus.SingleOrDefaultAsync(u => u.UnitId == unit.Id, cancellationToken).ConfigureAwait(false);
        var from = UnitMoves.StateOf(record);
        if (from != UnitState.Available)
        {
            return Busy(unit.Id, from, record!);
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        if (record is null)
        {
            // The first move of a unit inserts its row: two dispatchers inserting at once collide on the key.
            record = new UnitStatusRecord { UnitId = unit.Id, Status = EnumText.Name(UnitState.Available), ChangedBy = actor };
            db.UnitStatus.Add(record);
        }

        UnitMoves.Move(record, UnitState.Dispatched, id, actor, now);
        var entry = UnitMoves.Entry(unit.Id, from, UnitState.Dispatched, actor, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await SaveMoveAsync(db, id, entry, unit.Id, cancellationToken).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            // Only while the incident still takes units: one resolved or closed since it was read keeps the unit free.
            var open = await db.Incidents
                .Where(i => i.Id == id && i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
            if (open == 0)
            {
                return Problems.Conflict($"incident {id} was resolved or closed at the same moment; read it again");
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await RecordMoveAsync(journal, actor, "incident.dispatch_unit", incident, unit, from, UnitState.Dispatched, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await IncidentsApi.DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    internal static Task<Results<Ok<UnitItem>, ProblemHttpResult>> ArrivedAsync(
        string id, ClaimsPrincipal caller, TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken) =>
        MoveUnitAsync(id, UnitState.OnScene, caller, catalog, contexts, journal, time, cancellationToken);

    internal static Task<Results<Ok<UnitItem>, ProblemHttpResult>> ReleaseAsync(
        string id, ClaimsPrincipal caller, TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken) =>
        MoveUnitAsync(id, UnitState.Available, caller, catalog, contexts, journal, time, cancellationToken);

    internal static async Task<Results<Ok<IncidentsApi.IncidentDetail>, ProblemHttpResult>> TickAsync(
        long id, int position, ChecklistRequest request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Done is not { } done)
        {
            return Problems.BadRequest("done is required: true to tick the step, false to mark it to do again");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        if (incident is null || !IncidentsApi.Visible(caller, incident.Venue))
        {
            return IncidentsApi.NoIncident(id);
        }

        var step = await db.IncidentChecklist.AsNoTracking().SingleOrDefaultAsync(s => s.IncidentId == id && s.Position == position, cancellationToken)
            .ConfigureAwait(false);
        if (step is null)
        {
            var count = await db.IncidentChecklist.CountAsync(s => s.IncidentId == id, cancellationToken).ConfigureAwait(false);
            return Problems.NotFound(count == 0 ? $"incident {id} has no checklist" : $"incident {id} has no checklist step {position}: its steps are 1 to {count}");
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return Problems.Conflict($"incident {id} is closed; its checklist is kept as it was");
        }

        var now = time.GetUtcNow();
        var actor = caller.Actor();
        var data = new JsonObject { ["position"] = position, ["done"] = done };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Changed only from the other state, so a step ticked twice at once is ticked (and written) once.
            var changed = done
                ? await db.IncidentChecklist.Where(s => s.Id == step.Id && s.DoneAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.DoneAt, now).SetProperty(s => s.DoneBy, actor), cancellationToken).ConfigureAwait(false)
                : await db.IncidentChecklist.Where(s => s.Id == step.Id && s.DoneAt != null)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.DoneAt, (DateTimeOffset?)null).SetProperty(s => s.DoneBy, (string?)null), cancellationToken)
                    .ConfigureAwait(false);
            if (changed == 0)
            {
                return TypedResults.Ok(await IncidentsApi.DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
            }

            var text = done ? $"step {position} done: {step.TextEn}" : $"step {position} to do again: {step.TextEn}";
            await IncidentJournal.AppendAsync(
                db, id, now, IncidentJournal.Entry(TimelineEntryKind.ChecklistStepDone, actor, now, IncidentJournal.Fit(text, IncidentsApi.MaxTextLength), data),
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await journal.RecordAsync(actor, "incident.checklist", incident, data, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await IncidentsApi.DetailAsync(db, id, caller, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<UnitItem>, ProblemHttpResult>> MoveUnitAsync(
        string id, UnitState to, ClaimsPrincipal caller, TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts, IncidentJournal journal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.Tournament is not { } tournament)
        {
            return NoTournament();
        }

        if (tournament.Unit(id) is not { } unit || !MayMove(caller, unit))
        {
            return NoUnit(id);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var record = await db.UnitStatus.SingleOrDefaultAsync(u => u.UnitId == unit.Id, cancellationToken).ConfigureAwait(false);
        var from = UnitMoves.StateOf(record);
        var allowed = to == UnitState.OnScene ? from == UnitState.Dispatched : from != UnitState.Available;
        if (!allowed || record?.IncidentId is not { } incidentId)
        {
            return to == UnitState.OnScene
                ? Problems.Conflict($"unit {unit.Id} is {EnumText.Name(from)}; only a dispatched unit arrives on scene")
                : Problems.Conflict($"unit {unit.Id} is available already");
        }

        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var actor = caller.Actor();
        UnitMoves.Move(record, to, to == UnitState.Available ? null : incidentId, actor, now);
        var entry = UnitMoves.Entry(unit.Id, from, to, actor, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await SaveMoveAsync(db, incidentId, entry, unit.Id, cancellationToken).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            await db.Incidents.Where(i => i.Id == incidentId)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var action = to == UnitState.OnScene ? "incident.unit_arrived" : "incident.release_unit";
        await RecordMoveAsync(journal, actor, action, incident, unit, from, to, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Describe(unit, record));
    }

    // The unit's row and the incident's timeline line are saved together or not at all.
    private static async Task<ProblemHttpResult?> SaveMoveAsync(
        HarisDbContext db, long incidentId, IncidentTimelineEntry entry, string unitId, CancellationToken cancellationToken)
    {
        entry.IncidentId = incidentId;
        db.IncidentTimeline.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateException)
        {
            // A version that moved on (the row changed since it was read) or a key taken (its first row inserted by
            // another request): someone else moved the unit first.
            return Problems.Conflict($"unit {unitId} was moved by someone else at the same moment; read it again");
        }
    }

    private static async Task RecordMoveAsync(
        IncidentJournal journal, string actor, string action, Incident incident, SecurityUnit unit, UnitState from, UnitState to,
        CancellationToken cancellationToken)
    {
        var details = new JsonObject { ["unit"] = unit.Id, ["from"] = EnumText.Name(from), ["to"] = EnumText.Name(to) };
        await journal.RecordAsync(actor, action, incident, details, cancellationToken).ConfigureAwait(false);
        journal.UnitMoved(unit.Id, unit.HomeVenue);
    }

    private static ProblemHttpResult Busy(string unitId, UnitState state, UnitStatusRecord record) =>
        Problems.Conflict(
            $"unit {unitId} is not available: it is {EnumText.Name(state)} at incident {record.IncidentId} since {record.Since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; release it first");

    private static bool TakesUnits(IncidentStatus status) =>
        status is IncidentStatus.Reported or IncidentStatus.Acknowledged or IncidentStatus.InProgress;

    // Units based at no venue (a central reserve) are moved by callers not limited to venues.
    private static bool MayMove(ClaimsPrincipal caller, SecurityUnit unit) =>
        caller.Venues().Count == 0 || (unit.HomeVenue is not null && caller.MaySee(unit.HomeVenue));

    private static UnitItem Describe(SecurityUnit unit, UnitStatusRecord? record)
    {
        var state = UnitMoves.StateOf(record);
        return new UnitItem(
            unit.Id, unit.Kind, new VenuesApi.Names(unit.Name.En, unit.Name.Fr, unit.Name.Ar), unit.HomeVenue, unit.Size, state,
            state == UnitState.Available ? null : record?.IncidentId, record?.Since, record?.ChangedBy);
    }

    private static ProblemHttpResult NoUnit(string id) => Problems.NotFound($"no unit '{EnumText.Clip(id)}'");

    private static ProblemHttpResult NoTournament() =>
        Problems.NotFound("this server runs without a tournament: set Tournament:Path in haris.yaml");
}
