using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haris.Core.Allowlist;
using Haris.Core.Security;
using Haris.Server.Detection;
using Haris.Server.Pipeline;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Allowlist;
using Haris.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// <c>/api/v1/allowlist</c>: known-good rules, addresses, blocks, paths and users whose alerts are not stored and on
/// which blocks are refused — create, list, delete. Changes apply to detection at once.
/// </summary>
public static class AllowlistApi
{
    /// <summary>The roles that read and change the allowlist.</summary>
    public static readonly string[] Keepers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst];

    /// <summary>The longest reason.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The longest rule id.</summary>
    public const int MaxRuleIdLength = 200;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAllowlistApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/allowlist").WithTags("Allowlist");
        group.MapGet("/", ListAsync).RequireRoles(Keepers);
        group.MapPost("/", CreateAsync).RequireRoles(Keepers);
        group.MapDelete("/{id:long}", DeleteAsync).RequireRoles(Keepers);
        return routes;
    }

    /// <summary>Which entries to list: those in force by default, or expired ones too, newest first.</summary>
    public sealed record AllowlistQuery(
        [property: FromQuery(Name = "include_expired")] bool? IncludeExpired,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>An allowlist entry; <c>active</c> is judged at the server's time.</summary>
    public sealed record AllowlistView(
        long Id, AllowlistScope Scope, string Value, string? RuleId, string Reason, string CreatedBy, DateTimeOffset CreatedAt,
        DateTimeOffset? ExpiresAt, bool Active);

    /// <summary>
    /// An entry to add: <c>scope</c> one of <c>rule</c>, <c>source_ip</c>, <c>cidr</c>, <c>path</c> (a trailing
    /// <c>*</c> matches a prefix), <c>user</c>; optionally limited to one rule; ending after <c>expires_in</c>
    /// (as a decision's duration) or at <c>expires_at</c>, or never when neither is given.
    /// </summary>
    public sealed record CreateEntry(string? Scope, string? Value, string? RuleId, string? Reason, JsonElement? ExpiresIn, DateTimeOffset? ExpiresAt);

    internal static async Task<Results<Ok<AlertsApi.Page<AllowlistView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] AllowlistQuery query, IDbContextFactory<HarisDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(query.Page, query.PageSize, out var paging, out var pageProblem))
        {
            return Problems.BadRequest(pageProblem);
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entries = db.AllowlistEntries.AsNoTracking();
        if (query.IncludeExpired != true)
        {
            entries = entries.Where(e => e.ExpiresAt == null || e.ExpiresAt > now);
        }

        var total = await entries.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AlertsApi.Page<AllowlistView>([.. items.Select(e => View(e, now))], total, paging.Page, paging.Size));
    }

    internal static async Task<Results<Created<AllowlistView>, ProblemHttpResult>> CreateAsync(
        CreateEntry request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, AllowlistCache allowlist, LiveRules rules,
        AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!EnumText.TryParseRequired<AllowlistScope>(request.Scope, "scope", out var scope, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        if (!AllowlistValues.TryNormalize(scope, request.Value, out var value))
        {
            var hint = scope == AllowlistScope.Path ? " (a path starts with '/')" : "";
            return Problems.BadRequest(request.Value is null
                ? "value is required"
                : $"'{EnumText.Clip(request.Value)}' is not a valid {EnumText.Name(scope)} value{hint}");
        }

        if (scope == AllowlistScope.Rule && !rules.Exists(value))
        {
            return Problems.BadRequest($"no rule '{EnumText.Clip(value)}' is loaded");
        }

        var ruleId = string.IsNullOrWhiteSpace(request.RuleId) ? null : request.RuleId.Trim();
        if (ruleId is not null && (ruleId.Length > MaxRuleIdLength || !rules.Exists(ruleId)))
        {
            return Problems.BadRequest($"rule_id: no rule '{EnumText.Clip(ruleId)}' is loaded");
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problems.BadRequest($"reason is required, at most {MaxReasonLength} characters");
        }

        var now = time.GetUtcNow();
        var expiresIn = request.ExpiresIn is { ValueKind: not JsonValueKind.Null } given ? given : (JsonElement?)null;
        if (expiresIn is not null && request.ExpiresAt is not null)
        {
            return Problems.BadRequest("give expires_in or expires_at, not both");
        }

        var expiresAt = request.ExpiresAt;
        if (expiresIn is { } span)
        {
            if (!Durations.TryParse(span, out var duration))
            {
                return Problems.BadRequest($"expires_in must be {Durations.Spellings}, from 1 second to 365 days (got {EnumText.Clip(span.GetRawText())})");
            }

            expiresAt = now + duration;
        }
        else if (expiresAt is { } at && at <= now)
        {
            return Problems.BadRequest($"expires_at {at.ToString("O", CultureInfo.InvariantCulture)} is already past");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.AllowlistEntries.AsNoTracking()
            .Where(e => e.Scope == scope && e.Value == value && e.RuleId == ruleId && (e.ExpiresAt == null || e.ExpiresAt > now))
            .OrderByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return Problems.Conflict($"entry {existing.Id} already allows {EnumText.Name(scope)} {value}{(ruleId is null ? "" : " for rule " + ruleId)}");
        }

        var actor = caller.Actor();
        var entry = AllowlistEntry.Create(scope, value, reason, actor, now, ruleId, expiresAt);
        db.AllowlistEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        allowlist.Invalidate();
        await audit.AppendAsync(actor, "allowlist.create", "allowlist", entry.Id.ToString(CultureInfo.InvariantCulture), Details(entry), cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Created("/api/v1/allowlist/" + entry.Id.ToString(CultureInfo.InvariantCulture), View(entry, now));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, AllowlistCache allowlist, AuditLog audit,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entry = await db.AllowlistEntries.SingleOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return Problems.NotFound($"no allowlist entry {id}");
        }

        db.AllowlistEntries.Remove(entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        allowlist.Invalidate();
        await audit.AppendAsync(caller.Actor(), "allowlist.delete", "allowlist", id.ToString(CultureInfo.InvariantCulture), Details(entry), cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static JsonObject Details(AllowlistEntry e) => new()
    {
        ["scope"] = EnumText.Name(e.Scope),
        ["value"] = e.Value,
        ["rule_id"] = e.RuleId,
        ["reason"] = e.Reason,
        ["expires_at"] = e.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
    };

    private static AllowlistView View(AllowlistEntry e, DateTimeOffset now) => new(
        e.Id, e.Scope, e.Value, e.RuleId, e.Reason, e.CreatedBy, e.CreatedAt, e.ExpiresAt, e.ExpiresAt is not { } end || end > now);
}
