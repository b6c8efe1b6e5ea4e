using Haris.Core.Alerts;
using Haris.Core.Incidents;

namespace Haris.Storage.Alerts;

/// <summary>What to select alerts by; every criterion left null selects everything.</summary>
/// <param name="From">Earliest event time, inclusive.</param>
/// <param name="To">Latest event time, exclusive.</param>
/// <param name="RuleId">Alerts of this rule only.</param>
/// <param name="MinLevel">Alerts of this level or higher.</param>
/// <param name="SourceIp">Alerts about this source address.</param>
/// <param name="Venue">Alerts at this venue.</param>
/// <param name="Status">Alerts in this triage status.</param>
public sealed record AlertFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? RuleId = null,
    AlertLevel? MinLevel = null,
    string? SourceIp = null,
    string? Venue = null,
    AlertStatus? Status = null);

/// <summary>Query pieces for alert lists, each translated to SQL on both providers.</summary>
public static class AlertQueries
{
    /// <summary>Keeps the alerts that match <paramref name="filter"/>.</summary>
    public static IQueryable<StoredAlert> Matching(this IQueryable<StoredAlert> alerts, AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is { } from)
        {
            alerts = alerts.Where(a => a.Timestamp >= from);
        }

        if (filter.To is { } to)
        {
            alerts = alerts.Where(a => a.Timestamp < to);
        }

        if (filter.RuleId is { } ruleId)
        {
            alerts = alerts.Where(a => a.RuleId == ruleId);
        }

        if (filter.MinLevel is { } level)
        {
            alerts = alerts.Where(a => a.Level >= level);
        }

        if (filter.SourceIp is { } sourceIp)
        {
            // Stored addresses are normalised; an address typed another way (::ffff:203.0.113.7) still matches.
            var address = Observables.TryParseIp(sourceIp, out var parsed) ? parsed.ToString() : sourceIp;
            alerts = alerts.Where(a => a.SourceIp == address);
        }

        if (filter.Venue is { } venue)
        {
            alerts = alerts.Where(a => a.Venue == venue);
        }

        if (filter.Status is { } status)
        {
            alerts = alerts.Where(a => a.Status == status);
        }

        return alerts;
    }

    /// <summary>Orders alerts newest event first, by id among equal times so pages are stable.</summary>
    public static IOrderedQueryable<StoredAlert> NewestFirst(this IQueryable<StoredAlert> alerts) =>
        alerts.OrderByDescending(a => a.Timestamp).ThenByDescending(a => a.Id);
}
