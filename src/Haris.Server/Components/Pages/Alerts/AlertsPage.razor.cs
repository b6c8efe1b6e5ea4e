using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Server.Api;
using Haris.Server.Operations;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Audit;
using Haris.Storage.Decisions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Haris.Server.Components.Pages.Alerts;

/// <summary>Stored alerts, filtered and paged as the API lists them; one alert's evidence; promote it, block its source.</summary>
public sealed partial class AlertsPage
{
    private const int PageSize = 50;

    private IReadOnlyList<AlertsApi.AlertSummary> _alerts = [];
    private AlertsApi.AlertDetail? _detail;
    private int _total;
    private int _page = 1;
    private string _level = "";
    private string _status = "";
    private string _venue = "";
    private IReadOnlyList<VenuesApi.VenueSummary> _venues = [];
    private string? _rule;
    private string? _sourceIp;
    private string _blockFor = "1h";
    private string? _problem;
    private string? _actionProblem;
    private string? _actionDone;

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    [Inject]
    private IncidentJournal Journal { get; set; } = null!;

    [Inject]
    private TournamentCatalog Catalog { get; set; } = null!;

    [Inject]
    private DecisionStore Decisions { get; set; } = null!;

    [Inject]
    private AllowlistCache Allowlist { get; set; } = null!;

    [Inject]
    private AuditLog Audit { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private int PageCount => Math.Max(1, (_total + PageSize - 1) / PageSize);

    protected override bool Wants(LiveUpdate update) => update.Kind is "alert" or "alert-count";

    protected override async Task LoadAsync()
    {
        _venues = ApiAnswer.Read(VenuesApi.ListVenues(Catalog, Caller)).Value ?? [];
        var answer = ApiAnswer.Read(await AlertsApi.ListAsync(
            new AlertsApi.AlertQuery(null, null, Blank(_rule), Blank(_level), Blank(_sourceIp), Blank(_venue), Blank(_status), _page, PageSize),
            Caller, Contexts, Stopping).ConfigureAwait(true));
        _problem = answer.Problem;
        _alerts = answer.Value?.Items ?? [];
        _total = answer.Value?.Total ?? 0;
        if (_detail is not null)
        {
            _detail = ApiAnswer.Read(await AlertsApi.GetAsync(_detail.Alert.Id, Caller, Contexts, Stopping).ConfigureAwait(true)).Value;
        }
    }

    private async Task OnFilterAsync()
    {
        _page = 1;
        await LoadAsync().ConfigureAwait(true);
    }

    private async Task OnLevelChangedAsync(string level)
    {
        _level = level;
        await OnFilterAsync().ConfigureAwait(true);
    }

    private async Task OnStatusChangedAsync(string status)
    {
        _status = status;
        await OnFilterAsync().ConfigureAwait(true);
    }

    private async Task OnVenueChangedAsync(string venue)
    {
        _venue = venue;
        await OnFilterAsync().ConfigureAwait(true);
    }

    private async Task OnPageAsync(int page)
    {
        _page = page;
        await LoadAsync().ConfigureAwait(true);
    }

    private async Task OnOpenAsync(string id)
    {
        _actionProblem = null;
        _actionDone = null;
        _detail = ApiAnswer.Read(await AlertsApi.GetAsync(id, Caller, Contexts, Stopping).ConfigureAwait(true)).Value;
    }

    private async Task OnPromoteAsync()
    {
        if (_detail is null)
        {
            return;
        }

        var answer = ApiAnswer.Read(await IncidentsApi.PromoteAsync(
            _detail.Alert.Id, new IncidentsApi.PromoteRequest(null, null, null), Caller, Contexts, Journal, Catalog, Time, Stopping).ConfigureAwait(true));
        if (answer.Value is { } incident)
        {
            Navigation.NavigateTo("incidents/" + incident.Incident.Id);
            return;
        }

        _actionProblem = answer.Problem;
    }

    private async Task OnBlockAsync()
    {
        if (_detail?.Alert.SourceIp is not { } address)
        {
            return;
        }

        JsonElement? duration = _blockFor.Length == 0 ? null : JsonSerializer.SerializeToElement(_blockFor);
        var answer = ApiAnswer.Read(await DecisionsApi.CreateAsync(
            new DecisionsApi.CreateDecision(address, duration, $"{_detail.Alert.RuleTitle} ({_detail.Alert.Id})"),
            Caller, Contexts, Decisions, Allowlist, Audit, Time, Stopping).ConfigureAwait(true));
        _actionProblem = answer.Problem;
        _actionDone = answer.Value is { } decision ? L["Blocked", decision.Value, decision.Id].Value : null;
    }

    // Field values are whatever the attacker sent; they are shown as text (Razor encodes them), never as markup.
    private static IEnumerable<(string Name, string Value)> Fields(AlertsApi.AlertDetail detail)
    {
        if (detail.Fields.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in detail.Fields.EnumerateObject())
        {
            yield return (property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText());
        }
    }

    private static Color LevelColor(AlertLevel level) => level switch
    {
        AlertLevel.Critical => Color.Error,
        AlertLevel.High => Color.Warning,
        AlertLevel.Medium => Color.Info,
        _ => Color.Default,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
