using Haris.Core.Alerts;
using Haris.Core.Incidents;
using Haris.Core.Security;
using Haris.Server.Security;
using Haris.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary>
/// <c>/api/v1/statistics</c>: the figures a command center reports — attacks per minute or per hour, by kind (rule)
/// or by venue — and a summary of where things stand now.
/// </summary>
/// <remarks>
/// <para>
/// An attack is counted as an alert's <c>count</c>: the times it fired, repeats folded into it included (for a
/// correlation alert, the events it counted). Each alert falls in the bucket of its timestamp, the event time of its
/// first event.
/// </para>
/// <para>
/// Buckets are made in memory from the alerts of the range, read as a stream of five columns, rather than grouped in
/// SQL: truncating a time to a minute is spelled differently on SQLite (text times) and PostgreSQL, and one LINQ query
/// cannot say both. Memory holds only the buckets (at most <see cref="MaxBuckets"/>, times the kinds or venues seen),
/// whatever the number of alerts; the cap on buckets bounds the range, and so the rows read.
/// </para>
/// </remarks>
public static class StatisticsApi
{
    /// <summary>The roles that read statistics; operators limited to venues would see other venues' figures, so they do not.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst];

    /// <summary>The most buckets in one answer: 24 hours by minute, 60 days by hour.</summary>
    public const int MaxBuckets = 1440;

    /// <summary>The key and label of alerts with no venue in a by-venue breakdown.</summary>
    public const string NoVenue = "";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/statistics").WithTags("Statistics");
        group.MapGet("/attacks", AttacksAsync).RequireRoles(Readers);
        group.MapGet("/summary", SummaryAsync).RequireRoles(Readers);
        return routes;
    }

    /// <summary>
    /// The range (default the last hour by minute, the last 24 hours by hour), the bucket (<c>minute</c> or
    /// <c>hour</c>, default minute), the breakdown (<c>kind</c> or <c>venue</c>, default kind) and optionally one venue.
    /// </summary>
    public sealed record AttackQuery(DateTimeOffset? From, DateTimeOffset? To, string? Bucket, string? By, string? Venue);

    /// <summary>One line of the breakdown: a rule (key its id, label its title) or a venue, with its total over the range.</summary>
    public sealed record SeriesKey(string Key, string Label, long Total);

    /// <summary>One bucket: its start, its total, and the count of each key that had any.</summary>
    public sealed record Bucket(DateTimeOffset Start, long Total, IReadOnlyDictionary<string, long> Counts);

    /// <summary>Attacks over a range, every bucket listed (empty ones too), keys largest first.</summary>
    public sealed record AttackStatistics(
        DateTimeOffset From, DateTimeOffset To, string Bucket, string By, long Total, IReadOnlyList<SeriesKey> Keys, IReadOnlyList<Bucket> Buckets);

    /// <summary>Where things stand: open incidents by severity, the last hour's alerts by level and attacks, blocks in force.</summary>
    public sealed record Summary(
        DateTimeOffset Now,
        int OpenIncidents,
        IReadOnlyDictionary<string, int> OpenIncidentsBySeverity,
        IReadOnlyDictionary<string, int> AlertsLastHourByLevel,
        long AttacksLastHour,
        int ActiveDecisions);

    internal static async Task<Results<Ok<AttackStatistics>, ProblemHttpResult>> AttacksAsync(
        [AsParameters] AttackQuery query, IDbContextFactory<HarisDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var bucket = query.Bucket?.Trim().ToLowerInvariant() ?? "minute";
        var size = bucket switch
        {
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            _ => TimeSpan.Zero,
        };
        if (size == TimeSpan.Zero)
        {
            return Problems.BadRequest($"bucket must be minute or hour (got '{EnumText.Clip(query.Bucket!)}')");
        }

        var by = query.By?.Trim().ToLowerInvariant() ?? "kind";
        if (by is not ("kind" or "venue"))
        {
            return Problems.BadRequest($"by must be kind or venue (got '{EnumText.Clip(query.By!)}')");
        }

        var to = Ceiling(query.To ?? time.GetUtcNow(), size);
        var from = Floor(query.From ?? to - (bucket == "minute" ? TimeSpan.FromHours(1) : TimeSpan.FromHours(24)), size);
        if (from >= to)
        {
            return Problems.BadRequest("from must be before to");
        }

        var count = (to - from).Ticks / size.Ticks;
        if (count > MaxBuckets)
        {
            return Problems.BadRequest(
                $"the range holds {count} {bucket} buckets; at most {MaxBuckets} are answered (24 hours by minute, 60 days by hour)");
        }

        var buckets = new Dictionary<string, long>[count];
        var totals = new long[count];
        var keys = new Dictionary<string, (string Label, long Total)>(StringComparer.Ordinal);
        long total = 0;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var alerts = db.Alerts.AsNoTracking().Where(a => a.Timestamp >= from && a.Timestamp < to);
            if (query.Venue is { } venue)
            {
                alerts = alerts.Where(a => a.Venue == venue);
            }

            var rows = alerts.Select(a => new { a.Timestamp, a.RuleId, a.RuleTitle, a.Venue, a.Count }).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var index = (int)((row.Timestamp - from).Ticks / size.Ticks);
                var (key, label) = by == "kind" ? (row.RuleId, row.RuleTitle) : (row.Venue ?? NoVenue, row.Venue ?? NoVenue);
                var counts = buckets[index] ??= new Dictionary<string, long>(StringComparer.Ordinal);
                counts[key] = counts.GetValueOrDefault(key) + row.Count;
                totals[index] += row.Count;
                total += row.Count;
                keys[key] = (label, keys.GetValueOrDefault(key).Total + row.Count);
            }
        }

        var empty = new Dictionary<string, long>(StringComparer.Ordinal);
        return TypedResults.Ok(new AttackStatistics(
            from,
            to,
            bucket,
            by,
            total,
            [.. keys.OrderByDescending(k => k.Value.Total).ThenBy(k => k.Key, StringComparer.Ordinal).Select(k => new SeriesKey(k.Key, k.Value.Label, k.Value.Total))],
            [.. Enumerable.Range(0, (int)count).Select(i => new Bucket(from + (size * i), totals[i], buckets[i] ?? empty))]));
    }

    internal static async Task<Ok<Summary>> SummaryAsync(IDbContextFactory<HarisDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var open = await db.Incidents.AsNoTracking().Where(i => i.Status != IncidentStatus.Closed)
            .GroupBy(i => i.Severity).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.Timestamp >= hourAgo && a.Timestamp <= now)
            .GroupBy(a => a.Level).Select(g => new { g.Key, Count = g.Count(), Attacks = g.Sum(a => a.Count) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var decisions = await db.Decisions.AsNoTracking().CountAsync(d => d.RevokedAt == null && (d.ExpiresAt == null || d.ExpiresAt > now), cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(new Summary(
            now,
            open.Sum(o => o.Count),
            Enum.GetValues<IncidentSeverity>().ToDictionary(EnumText.Name, s => open.FirstOrDefault(o => o.Key == s)?.Count ?? 0),
            Enum.GetValues<AlertLevel>().ToDictionary(EnumText.Name, l => alerts.FirstOrDefault(a => a.Key == l)?.Count ?? 0),
            alerts.Sum(a => a.Attacks),
            decisions));
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan size) =>
        new(time.UtcTicks - (time.UtcTicks % size.Ticks), TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan size)
    {
        var floor = Floor(time, size);
        return floor.UtcTicks == time.UtcTicks ? floor : floor + size;
    }
}
