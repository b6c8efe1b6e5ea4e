using Haris.Core.Incidents;
using Haris.Server.Api;
using Haris.Server.Operations;
using Haris.Server.Pipeline;
using Haris.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Haris.Server.Components.Pages.Incidents;

/// <summary>Incidents as a board by status, and reporting a new one, through the incident API's own handlers.</summary>
public sealed partial class IncidentsPage
{
    // Closed incidents pile up over a tournament; the board shows the latest ones of each column.
    private const int Shown = 500;

    private IReadOnlyList<IncidentsApi.IncidentSummary> _incidents = [];
    private IReadOnlyList<VenuesApi.VenueSummary> _venues = [];
    private bool _reporting;
    private string? _title;
    private IncidentCategory _category = IncidentCategory.CrowdPressure;
    private IncidentSeverity _severity = IncidentSeverity.Medium;
    private string? _venue;
    private string? _zone;
    private string? _gate;
    private string? _description;
    private string? _problem;

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private IncidentJournal Journal { get; set; } = null!;

    [Inject]
    private TournamentCatalog Catalog { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override bool Wants(LiveUpdate update) => update.Kind is IncidentJournal.LiveKind or IncidentJournal.EscalationLiveKind;

    protected override async Task LoadAsync()
    {
        _venues = ApiAnswer.Read(VenuesApi.ListVenues(Catalog, Caller)).Value ?? [];
        _incidents = ApiAnswer.Read(await IncidentsApi.ListAsync(
            new IncidentsApi.IncidentQuery(null, null, null, null, null, null, null, 1, Shown), Caller, Contexts, Stopping).ConfigureAwait(true)).Value?.Items ?? [];
    }

    private async Task OnReportAsync()
    {
        var answer = ApiAnswer.Read(await IncidentsApi.CreateAsync(
            new IncidentsApi.CreateIncident(_title, EnumText.Name(_category), EnumText.Name(_severity), _venue, _zone, _gate, _description),
            Caller, Contexts, Journal, Catalog, Time, Stopping).ConfigureAwait(true));
        if (answer.Value is { } created)
        {
            Navigation.NavigateTo("incidents/" + created.Incident.Id);
            return;
        }

        _problem = answer.Problem;
    }

    internal static Color SeverityColor(IncidentSeverity severity) => severity switch
    {
        IncidentSeverity.Critical => Color.Error,
        IncidentSeverity.High => Color.Warning,
        IncidentSeverity.Medium => Color.Info,
        _ => Color.Default,
    };
}
