using System.Security.Claims;
using System.Text.Json.Nodes;
using Haris.Core.Alerts;
using Haris.Core.Security;
using Haris.Server.Detection;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary><c>/api/v1/rules</c>: the rules running live with how often each has fired, and turning one off or on.</summary>
public static class RulesApi
{
    /// <summary>The roles that read the rule list.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst];

    /// <summary>The roles that turn rules off and on.</summary>
    public static readonly string[] Tuners = [Roles.Admin, Roles.CyberAnalyst];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/rules").WithTags("Rules");
        group.MapGet("/", ListAsync).RequireRoles(Readers);
        group.MapPost("/{id}/enable", EnableAsync).RequireRoles(Tuners);
        group.MapPost("/{id}/disable", DisableAsync).RequireRoles(Tuners);
        return routes;
    }

    /// <summary>
    /// A rule with its hits: <c>alerts</c> stored, <c>hits</c> the sum of their counts (repeats folded in), and when
    /// it last fired.
    /// </summary>
    public sealed record RuleView(
        string Id, string Title, string? Name, AlertLevel Level, string Kind, string? Author, IReadOnlyList<string> Tags, string? Logsource,
        bool Enabled, int Alerts, long Hits, DateTimeOffset? LastHit);

    internal static async Task<Ok<IReadOnlyList<RuleView>>> ListAsync(
        LiveRules rules, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hits = await db.Alerts.AsNoTracking()
            .GroupBy(a => a.RuleId)
            .Select(g => new Hits(g.Key, g.Count(), g.Sum(a => a.Count), g.Max(a => a.LastSeen)))
            .ToDictionaryAsync(h => h.RuleId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<RuleView>>([.. rules.List().Select(r => View(r, hits.GetValueOrDefault(r.Id)))]);
    }

    internal static Task<Results<Ok<RuleView>, ProblemHttpResult>> EnableAsync(
        string id, ClaimsPrincipal caller, LiveRules rules, IDbContextFactory<HarisDbContext> contexts, AuditLog audit, CancellationToken cancellationToken) =>
        SetAsync(id, true, caller, rules, contexts, audit, cancellationToken);

    internal static Task<Results<Ok<RuleView>, ProblemHttpResult>> DisableAsync(
        string id, ClaimsPrincipal caller, LiveRules rules, IDbContextFactory<HarisDbContext> contexts, AuditLog audit, CancellationToken cancellationToken) =>
        SetAsync(id, false, caller, rules, contexts, audit, cancellationToken);

    private static async Task<Results<Ok<RuleView>, ProblemHttpResult>> SetAsync(
        string id, bool enabled, ClaimsPrincipal caller, LiveRules rules, IDbContextFactory<HarisDbContext> contexts, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!rules.Exists(id))
        {
            return Problems.NotFound($"no rule '{EnumText.Clip(id)}' is loaded");
        }

        // Saying again what is already so changes nothing, and writes nothing to the audit log.
        if (rules.SetEnabled(id, enabled))
        {
            await audit.AppendAsync(
                caller.Actor(), enabled ? "rule.enable" : "rule.disable", "rule", id, new JsonObject { ["enabled"] = enabled }, cancellationToken)
                .ConfigureAwait(false);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hits = await db.Alerts.AsNoTracking()
            .Where(a => a.RuleId == id)
            .GroupBy(a => a.RuleId)
            .Select(g => new Hits(g.Key, g.Count(), g.Sum(a => a.Count), g.Max(a => a.LastSeen)))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(View(rules.List().Single(r => r.Id == id), hits));
    }

    private static RuleView View(RuleInfo r, Hits? hits) => new(
        r.Id, r.Title, r.Name, r.Level, r.Kind, r.Author, r.Tags, r.Logsource, r.Enabled, hits?.Alerts ?? 0, hits?.Count ?? 0, hits?.Last);

    private sealed record Hits(string RuleId, int Alerts, long Count, DateTimeOffset? Last);
}
