using Haris.Server.Api;
using Haris.Server.Detection;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Components.Pages.Rules;

/// <summary>The live rules with their hits, turning them off and on (as the API does), and trying lines against a rule.</summary>
public sealed partial class RulesPage
{
    private IReadOnlyList<RulesApi.RuleView> _rules = [];
    private string? _search;
    private string? _problem;
    private string? _ruleYaml;
    private string? _lines;
    private Haris.Ingest.Parsing.LogFormat _format = Haris.Ingest.Parsing.LogFormat.Auto;
    private RuleTester.Outcome? _outcome;

    [Inject]
    private LiveRules Rules { get; set; } = null!;

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private AuditLog Audit { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    protected override bool Wants(LiveUpdate update) => update.Kind is "alert" or "alert-count";

    protected override async Task LoadAsync() =>
        _rules = (await RulesApi.ListAsync(Rules, Contexts, Stopping).ConfigureAwait(true)).Value ?? [];

    private async Task OnToggleAsync(string id, bool enabled)
    {
        var answer = ApiAnswer.Read(enabled
            ? await RulesApi.EnableAsync(id, Caller, Rules, Contexts, Audit, Stopping).ConfigureAwait(true)
            : await RulesApi.DisableAsync(id, Caller, Rules, Contexts, Audit, Stopping).ConfigureAwait(true));
        _problem = answer.Problem;
        await LoadAsync().ConfigureAwait(true);
    }

    private void OnTest() => _outcome = RuleTester.Run(Rules.Detector, _ruleYaml, _lines, _format);

    private bool Matches(RulesApi.RuleView rule) =>
        string.IsNullOrWhiteSpace(_search)
        || rule.Title.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || rule.Id.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || rule.Tags.Any(t => t.Contains(_search, StringComparison.OrdinalIgnoreCase));
}
