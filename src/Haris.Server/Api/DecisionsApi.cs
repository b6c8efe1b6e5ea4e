using System.Globalization;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haris.Core.Decisions;
using Haris.Core.Security;
using Haris.Server.Pipeline;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Audit;
using Haris.Storage.Decisions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// <c>/api/v1/decisions</c>: blocks on IP addresses and CIDR blocks, enforced at the edge — create, revoke, list, the
/// change stream edge bouncers follow with a cursor, and block lists for nginx and for anything that reads one
/// address per line.
/// </summary>
/// <remarks>Allowlists always win: a block on an allowlisted address, or on a range holding one, is refused.</remarks>
public static class DecisionsApi
{
    /// <summary>The roles that take and revoke decisions.</summary>
    public static readonly string[] Deciders = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst];

    /// <summary>The roles that read decisions one by one.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.PartnerLiaison];

    /// <summary>The roles that follow the stream and fetch the exports; edge bouncers are machines with sensor keys.</summary>
    public static readonly string[] Followers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.PartnerLiaison, Roles.Sensor];

    /// <summary>The longest reason.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The shortest IPv4 prefix blocked; a wider range would cut off a large part of the internet.</summary>
    public const int MinIPv4Prefix = 8;

    /// <summary>The shortest IPv6 prefix blocked.</summary>
    public const int MinIPv6Prefix = 32;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/decisions").WithTags("Decisions");
        group.MapGet("/", ListAsync).RequireRoles(Readers);
        group.MapPost("/", CreateAsync).RequireRoles(Deciders);
        group.MapGet("/{id:long}", GetAsync).RequireRoles(Readers);
        group.MapPost("/{id:long}/revoke", RevokeAsync).RequireRoles(Deciders);
        group.MapGet("/stream", StreamAsync).RequireRoles(Followers);
        group.MapGet("/export/nginx", ExportNginxAsync).RequireRoles(Followers);
        group.MapGet("/export/plain", ExportPlainAsync).RequireRoles(Followers);
        return routes;
    }

    /// <summary>Which decisions to list: active ones by default, or all of them, newest first.</summary>
    public sealed record DecisionQuery(
        [property: FromQuery(Name = "include_expired")] bool? IncludeExpired,
        int? Page,
        [property: FromQuery(Name = "page_size")] int? PageSize);

    /// <summary>Where to follow the stream from: the <c>cursor</c> of the previous answer, 0 the first time.</summary>
    public sealed record StreamQuery(long? Cursor, int? Limit);

    /// <summary>A decision as the API shows it; <c>active</c> is judged at the server's time.</summary>
    public sealed record DecisionView(
        long Id, string Value, DecisionKind Kind, string Reason, string Origin, string CreatedBy, DateTimeOffset CreatedAt,
        DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, bool Active);

    /// <summary>
    /// A block to take: <c>scope</c> an IP address or CIDR block, <c>duration</c> as seconds (a number or text),
    /// <c>90s</c>/<c>15m</c>/<c>1h</c>/<c>2d</c>/<c>1w</c> or ISO 8601 (<c>PT1H</c>), absent for until revoked.
    /// </summary>
    public sealed record CreateDecision(string? Scope, JsonElement? Duration, string? Reason);

    /// <summary>
    /// The decisions changed since a cursor: <c>new</c> are in force, <c>expired</c> were revoked or have run out;
    /// <c>now</c> is the server's clock, to drop received decisions by their <c>expires_at</c>; <c>more</c> says
    /// another batch is waiting.
    /// </summary>
    public sealed record DecisionStream(long Cursor, DateTimeOffset Now, bool More, IReadOnlyList<DecisionView> New, IReadOnlyList<DecisionView> Expired);

    internal static async Task<Results<Ok<AlertsApi.Page<DecisionView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] DecisionQuery query, IDbContextFactory<HarisDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(query.Page, query.PageSize, out var paging, out var pageProblem))
        {
            return Problems.BadRequest(pageProblem);
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var decisions = db.Decisions.AsNoTracking();
        if (query.IncludeExpired != true)
        {
            decisions = decisions.Where(d => d.RevokedAt == null && (d.ExpiresAt == null || d.ExpiresAt > now));
        }

        var total = await decisions.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await decisions.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AlertsApi.Page<DecisionView>([.. items.Select(d => View(d, now))], total, paging.Page, paging.Size));
    }

    internal static async Task<Results<Created<DecisionView>, ProblemHttpResult>> CreateAsync(
        CreateDecision request, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, DecisionStore store, AllowlistCache allowlist,
        AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!DecisionScope.TryNormalize(request.Scope, out var value))
        {
            return Problems.BadRequest(request.Scope is null
                ? "scope is required: an IP address or a CIDR block"
                : $"scope '{EnumText.Clip(request.Scope)}' is neither an IP address nor a CIDR block");
        }

        if (DecisionScope.IsRange(value) && TooWide(value) is { } minimum)
        {
            return Problems.BadRequest($"refusing to block {value}: ranges wider than /{minimum} would cut off a large part of the internet");
        }

        TimeSpan? duration = null;
        if (request.Duration is { ValueKind: not JsonValueKind.Null } given)
        {
            if (!Durations.TryParse(given, out var parsed))
            {
                return Problems.BadRequest($"duration must be {Durations.Spellings}, from 1 second to 365 days (got {EnumText.Clip(given.GetRawText())})");
            }

            duration = parsed;
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problems.BadRequest($"reason is required, at most {MaxReasonLength} characters");
        }

        if (await allowlist.FindForAddressAsync(value, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            return Problems.Conflict(
                $"{value} is allowlisted by entry {entry.Id} ({EnumText.Name(entry.Scope)} {entry.Value}: {entry.Reason}); allowlists always win, so the block was not taken");
        }

        var now = time.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var existing = await db.Decisions.AsNoTracking()
                .Where(d => d.Value == value && d.RevokedAt == null && (d.ExpiresAt == null || d.ExpiresAt > now))
                .OrderByDescending(d => d.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                var until = existing.ExpiresAt is { } end ? "until " + end.ToString("O", CultureInfo.InvariantCulture) : "until revoked";
                return Problems.Conflict($"decision {existing.Id} already blocks {value} {until}; revoke it first to block anew");
            }
        }

        var actor = caller.Actor();
        var decision = await store.CreateAsync(value, reason, DecisionOrigins.Manual, actor, duration, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await audit.AppendAsync(
            actor, "decision.create", "decision", decision.Id.ToString(CultureInfo.InvariantCulture),
            new JsonObject
            {
                ["value"] = decision.Value,
                ["reason"] = decision.Reason,
                ["expires_at"] = decision.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
            },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Created("/api/v1/decisions/" + decision.Id.ToString(CultureInfo.InvariantCulture), View(decision, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> GetAsync(
        long id, IDbContextFactory<HarisDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var decision = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        return decision is null ? Problems.NotFound($"no decision {id}") : TypedResults.Ok(View(decision, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> RevokeAsync(
        long id, ClaimsPrincipal caller, IDbContextFactory<HarisDbContext> contexts, DecisionStore store, AuditLog audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var current = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return Problems.NotFound($"no decision {id}");
            }

            if (current.RevokedAt is { } revokedAt)
            {
                return Problems.Conflict(
                    $"decision {id} was already revoked at {revokedAt.ToString("O", CultureInfo.InvariantCulture)} by {current.RevokedBy}");
            }
        }

        var actor = caller.Actor();
        var decision = await store.RevokeAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (decision is null)
        {
            return Problems.NotFound($"no decision {id}");
        }

        await audit.AppendAsync(
            actor, "decision.revoke", "decision", id.ToString(CultureInfo.InvariantCulture), new JsonObject { ["value"] = decision.Value }, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(View(decision, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<DecisionStream>, ProblemHttpResult>> StreamAsync(
        [AsParameters] StreamQuery query, DecisionStore store, CancellationToken cancellationToken)
    {
        var cursor = query.Cursor ?? 0;
        var limit = query.Limit ?? DecisionStore.DefaultBatchSize;
        if (cursor < 0)
        {
            return Problems.BadRequest("cursor must be 0 or more: 0 the first time, then the cursor of the previous answer");
        }

        if (limit is < 1 or > DecisionStore.DefaultBatchSize)
        {
            return Problems.BadRequest($"limit must be 1 to {DecisionStore.DefaultBatchSize}");
        }

        var changes = await store.GetChangesAsync(cursor, limit, cancellationToken).ConfigureAwait(false);
        var views = changes.Decisions.Select(d => View(d, changes.Now)).ToList();
        return TypedResults.Ok(new DecisionStream(
            changes.Cursor, changes.Now, changes.Decisions.Count == limit, [.. views.Where(v => v.Active)], [.. views.Where(v => !v.Active)]));
    }

    internal static async Task<ContentHttpResult> ExportNginxAsync(DecisionStore store, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        var values = Exportable(snapshot);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Haris block list: {values.Count} active decision(s) at {snapshot.Now:O}\n");
        text.Append("# Include inside an http, server or location block, then reload nginx.\n");
        foreach (var value in values)
        {
            text.Append("deny ").Append(value).Append(";\n");
        }

        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    internal static async Task<ContentHttpResult> ExportPlainAsync(DecisionStore store, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var value in Exportable(snapshot))
        {
            text.Append(value).Append('\n');
        }

        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    // Each line becomes configuration on an edge server: a value goes out only if it still reads back as exactly one
    // address or block, whichever writer stored it.
    private static List<string> Exportable(DecisionSnapshot snapshot) =>
    [
        .. snapshot.Decisions
            .Where(d => d.IsActiveAt(snapshot.Now))
            .Select(d => d.Value)
            .Where(v => DecisionScope.TryNormalize(v, out var again) && again == v)
            .Distinct(StringComparer.Ordinal),
    ];

    private static int? TooWide(string range)
    {
        var slash = range.IndexOf('/', StringComparison.Ordinal);
        var prefix = int.Parse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var ipv4 = System.Net.IPAddress.Parse(range.AsSpan(0, slash)).AddressFamily == AddressFamily.InterNetwork;
        var minimum = ipv4 ? MinIPv4Prefix : MinIPv6Prefix;
        return prefix < minimum ? minimum : null;
    }

    private static DecisionView View(Decision d, DateTimeOffset now) => new(
        d.Id, d.Value, d.Kind, d.Reason, d.Origin, d.CreatedBy, d.CreatedAt, d.ExpiresAt, d.RevokedAt, d.RevokedBy, d.IsActiveAt(now));
}
