using Haris.Core.Incidents;
using Haris.Server.Api;
using Haris.Server.Operations;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Components.Pages.Incidents;

/// <summary>
/// One incident: timeline, procedure checklist, units, workflow, assignment and comments — each action through the
/// same handler as its REST endpoint, so the rules, the timeline, the audit entry and the live update are the API's.
/// </summary>
public sealed partial class IncidentPage
{
    private IncidentsApi.IncidentDetail? _detail;
    private IReadOnlyList<FieldOperationsApi.UnitItem> _available = [];
    private string? _problem;
    private string? _actionProblem;
    private string? _assignee;
    private string? _comment;
    private string? _unit;

    /// <summary>The incident number.</summary>
    [Parameter]
    public long Id { get; set; }

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private IncidentJournal Journal { get; set; } = null!;

    [Inject]
    private TournamentCatalog Catalog { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    [Inject]
    private IServiceProvider Services { get; set; } = null!;

    protected override bool Wants(LiveUpdate update) =>
        update.Kind is IncidentJournal.UnitLiveKind || (update.Kind is IncidentJournal.LiveKind or IncidentJournal.EscalationLiveKind && update.Id == Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected override async Task LoadAsync()
    {
        var answer = ApiAnswer.Read(await IncidentsApi.GetAsync(Id, Caller, Contexts, Stopping).ConfigureAwait(true));
        _detail = answer.Value;
        _problem = answer.Problem;
        _assignee ??= _detail?.Incident.Assignee;
        if (_detail is not null && May(IncidentsApi.Handlers))
        {
            _available = ApiAnswer.Read(await FieldOperationsApi.ListUnitsAsync(
                new FieldOperationsApi.UnitQuery(null, "available"), Caller, Catalog, Contexts, Stopping).ConfigureAwait(true)).Value ?? [];
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_detail is not null && _detail.Incident.Id != Id)
        {
            await LoadAsync().ConfigureAwait(true);
        }
    }

    private Task OnMoveAsync(IncidentStatus to) =>
        ApplyAsync(IncidentsApi.TransitionAsync(Id, new IncidentsApi.TransitionRequest(EnumText.Name(to), null), Caller, Contexts, Journal, Catalog, Time, Stopping));

    private async Task OnAssignAsync()
    {
        // Identity's user manager is scoped; the circuit's scope lives as long as the page, so take one per action.
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
        await ApplyAsync(IncidentsApi.AssignAsync(Id, new IncidentsApi.AssignRequest(_assignee), Caller, Contexts, users, Journal, Time, Stopping)).ConfigureAwait(true);
    }

    private async Task OnCommentAsync()
    {
        if (await ApplyAsync(IncidentsApi.CommentAsync(Id, new IncidentsApi.CommentRequest(_comment), Caller, Contexts, Journal, Time, Stopping)).ConfigureAwait(true))
        {
            _comment = null;
        }
    }

    private Task OnTickAsync(int position, bool done) =>
        ApplyAsync(FieldOperationsApi.TickAsync(Id, position, new FieldOperationsApi.ChecklistRequest(done), Caller, Contexts, Journal, Time, Stopping));

    private Task OnDispatchAsync() =>
        ApplyAsync(FieldOperationsApi.DispatchAsync(Id, new FieldOperationsApi.DispatchRequest(_unit), Caller, Catalog, Contexts, Journal, Time, Stopping));

    private async Task OnArrivedAsync(string unit) =>
        await ApplyUnitAsync(FieldOperationsApi.ArrivedAsync(unit, Caller, Catalog, Contexts, Journal, Time, Stopping)).ConfigureAwait(true);

    private async Task OnReleaseAsync(string unit) =>
        await ApplyUnitAsync(FieldOperationsApi.ReleaseAsync(unit, Caller, Catalog, Contexts, Journal, Time, Stopping)).ConfigureAwait(true);

    private async Task<bool> ApplyAsync(Task<Results<Ok<IncidentsApi.IncidentDetail>, ProblemHttpResult>> action)
    {
        var answer = ApiAnswer.Read(await action.ConfigureAwait(true));
        _actionProblem = answer.Problem;
        if (answer.Value is not null)
        {
            await LoadAsync().ConfigureAwait(true);
        }

        return answer.Succeeded;
    }

    private async Task ApplyUnitAsync(Task<Results<Ok<FieldOperationsApi.UnitItem>, ProblemHttpResult>> action)
    {
        var answer = ApiAnswer.Read(await action.ConfigureAwait(true));
        _actionProblem = answer.Problem;
        await LoadAsync().ConfigureAwait(true);
    }
}
