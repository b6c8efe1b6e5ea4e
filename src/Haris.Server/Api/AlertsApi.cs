using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haris.Core.Alerts;
using Haris.Core.Security;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Alerts;
using Haris.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary><c>/api/v1/alerts</c>: stored alerts, newest first, filtered and paged; one alert with its evidence; its status.</summary>
public static class AlertsApi
{
    /// <summary>The roles that read alerts; operators see only the venues they are limited to.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Operator, Roles.PartnerLiaison];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/alerts").WithTags("Alerts");
        group.MapGet("/", ListAsync).RequireRoles(Readers);
        group.MapGet("/{id}", GetAsync).RequireRoles(Readers);
        group.MapPost("/{id}/status", SetStatusAsync).RequireRoles(Roles.Admin, Roles.Commander, Roles.CyberAnalyst);
        return routes;
    }

    /// <summary>The filters and page of an alert listing.</summary>
    public sealed record AlertQuery(
        DateTimeOffset? From,
        DateTimeOffset? To,
        string? Rule,
        string? Level,
        [property: FromQuery(Name = "source_ip")] string? SourceIp,
        string? Venue,
        string? Status,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>An alert as listed.</summary>
    public sealed record AlertSummary(
        string Id, string RuleId, string RuleTitle, string? RuleName, AlertLevel Level, DateTimeOffset Timestamp,
        string? SourceIp, string? Venue, string? Dataset, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
        AlertStatus Status, long? IncidentId, IReadOnlyList<string> Tags, string? SourceFile, long? SourceLine);

    /// <summary>One alert with everything it carries: matched fields, group values and the evidence lines.</summary>
    public sealed record AlertDetail(
        AlertSummary Alert, string? RuleAuthor, JsonElement Fields, IReadOnlyDictionary<string, string?>? Group,
        double? Value, IReadOnlyList<AlertLine> Evidence, string? SourceFile, long? SourceLine, DateTimeOffset ReceivedAt);

    /// <summary>A page of results.</summary>
    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

    /// <summary>A new status for an alert: <c>new</c>, <c>acknowledged</c> or <c>closed</c>.</summary>
    public sealed record StatusChange(string? Status);

    internal static async Task<Results<Ok<Page<AlertSummary>>, ProblemHttpResult>> ListAsync(
        [AsParameters] AlertQuery query, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(query.Page, query.PageSize, out var paging, out var pageProblem))
        {
            return Problems.BadRequest(pageProblem);
        }

        if (!EnumText.TryParseOptional<AlertLevel>(query.Level, "level", out var level, out var problem)
            || !EnumText.TryParseOptional<AlertStatus>(query.Status, "status", out var status, out problem))
        {
            return Problems.BadRequest(problem);
        }

        if (query.Venue is not null && !caller.MaySee(query.Venue))
        {
            return Problems.Forbidden($"you are limited to venues {string.Join(", ", caller.Venues())}");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alerts = db.Alerts.AsNoTracking().Matching(new AlertFilter(query.From, query.To, null, level, query.SourceIp, query.Venue, status));
        if (query.Rule is { } rule)
        {
            alerts = alerts.Where(a => a.RuleId == rule || a.RuleName == rule);
        }

        var venues = caller.Venues();
        if (venues.Count > 0)
        {
            alerts = alerts.Where(a => a.Venue != null && venues.Contains(a.Venue));
        }

        var total = await alerts.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await alerts.NewestFirst().Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new Page<AlertSummary>([.. items.Select(Summarize)], total, paging.Page, paging.Size));
    }

    internal static async Task<Results<Ok<AlertDetail>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (alert is null || !Visible(caller, alert))
        {
            return Problems.NotFound($"no alert '{id}'");
        }

        using var fields = JsonDocument.Parse(alert.Fields);
        return TypedResults.Ok(new AlertDetail(
            Summarize(alert), alert.RuleAuthor, fields.RootElement.Clone(), alert.GroupValues, alert.Value, alert.EvidenceLines,
            alert.SourceFile, alert.SourceLine, alert.ReceivedAt));
    }

    internal static async Task<Results<Ok<AlertSummary>, ProblemHttpResult>> SetStatusAsync(
        string id, StatusChange change, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!EnumText.TryParseRequired<AlertStatus>(change.Status, "status", out var status, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (alert is null || !Visible(caller, alert))
        {
            return Problems.NotFound($"no alert '{id}'");
        }

        var before = alert.Status;
        alert.Status = status;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            caller.Actor(), "alert.status", "alert", id,
            new JsonObject { ["from"] = EnumText.Name(before), ["to"] = EnumText.Name(status) }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Summarize(alert));
    }

    private static bool Visible(ClaimsPrincipal caller, StoredAlert alert) =>
        caller.Venues().Count == 0 || (alert.Venue is not null && caller.MaySee(alert.Venue));

    private static AlertSummary Summarize(StoredAlert a) => new(
        a.Id, a.RuleId, a.RuleTitle, a.RuleName, a.Level, a.Timestamp, a.SourceIp, a.Venue, a.Dataset, a.Count,
        a.FirstSeen, a.LastSeen, a.Status, a.IncidentId, a.Tags, a.SourceFile, a.SourceLine);
}
