using System.Globalization;
using System.Text.Json.Nodes;
using Haris.Core.Alerts;
using Haris.Core.Incidents;
using Haris.Storage;
using Haris.Storage.Audit;
using Haris.Storage.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Pipeline;

/// <summary>Makes an incident change known once it is saved: an audit entry and a live update, whoever made it.</summary>
/// <remarks>
/// The API and the automatic rules both change incidents; going through one place keeps the audit actions, the
/// timeline shapes and the live-feed kind the same for a change made by a person and one made by a rule.
/// </remarks>
public sealed class IncidentJournal(AuditLog audit, LiveFeed feed)
{
    /// <summary>The live-feed kind of an incident update.</summary>
    public const string LiveKind = "incident";

    /// <summary>The live-feed kind of a security unit's move; the update's id is the unit's.</summary>
    public const string UnitLiveKind = "unit";

    /// <summary>The live-feed kind sent, besides the incident update, when an incident is escalated to the commanders.</summary>
    public const string EscalationLiveKind = "escalation";

    /// <summary>The audit target type of incidents.</summary>
    public const string TargetType = "incident";

    /// <summary>Appends the audit entry for <paramref name="action"/> on <paramref name="incident"/> and tells live screens.</summary>
    public async Task RecordAsync(string actor, string action, Incident incident, JsonObject? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        await audit.AppendAsync(actor, action, TargetType, id, details, cancellationToken).ConfigureAwait(false);
        feed.Publish(new LiveUpdate(LiveKind, id, incident.Venue));
    }

    /// <summary>Tells live screens that unit <paramref name="unitId"/>, based at <paramref name="homeVenue"/>, moved.</summary>
    /// <remarks>The move itself is audited on the incident it concerns, through <see cref="RecordAsync"/>.</remarks>
    public void UnitMoved(string unitId, string? homeVenue) => feed.Publish(new LiveUpdate(UnitLiveKind, unitId, homeVenue));

    /// <summary>Tells live screens, the commanders' first, that <paramref name="incident"/> was escalated.</summary>
    public void Escalated(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        feed.Publish(new LiveUpdate(EscalationLiveKind, incident.Id.ToString(CultureInfo.InvariantCulture), incident.Venue));
    }

    /// <summary>A timeline line; <paramref name="data"/> is kept as JSON text.</summary>
    public static IncidentTimelineEntry Entry(TimelineEntryKind kind, string actor, DateTimeOffset at, string? text, JsonObject? data = null) => new()
    {
        Kind = kind,
        Actor = actor,
        At = at,
        Text = text,
        Data = data?.ToJsonString(),
    };

    /// <summary>Adds a timeline line to incident <paramref name="id"/> and moves its last-change time, without rewriting the incident.</summary>
    /// <remarks>
    /// Additions (comments, links, observables) leave the incident's version alone, so they never conflict with
    /// someone moving the incident at the same moment.
    /// </remarks>
    public static async Task AppendAsync(HarisDbContext db, long id, DateTimeOffset now, IncidentTimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        entry.IncidentId = id;
        db.IncidentTimeline.Add(entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.Incidents.Where(i => i.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Links alerts not yet linked to incident <paramref name="id"/>, with one timeline line, in one transaction; alerts
    /// in no incident's care are put in its care.
    /// </summary>
    public static async Task LinkAsync(
        HarisDbContext db, long id, IReadOnlyList<string> alertIds, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alertIds);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alertId in alertIds)
        {
            db.IncidentAlertLinks.Add(new IncidentAlertLink { IncidentId = id, AlertId = alertId, LinkedAt = now, LinkedBy = actor });
        }

        var text = alertIds.Count == 1 ? "linked alert " + alertIds[0] : $"linked {alertIds.Count} alerts";
        await AppendAsync(db, id, now, Entry(TimelineEntryKind.AlertLinked, actor, now, text, new JsonObject { ["alert_ids"] = Ids(alertIds) }), cancellationToken)
            .ConfigureAwait(false);
        await db.Alerts.Where(a => alertIds.Contains(a.Id) && a.IncidentId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.IncidentId, id), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Alert ids as a JSON array, for timeline data and audit details.</summary>
    public static JsonArray Ids(IEnumerable<string> ids) => [.. ids.Select(id => JsonValue.Create(id))];

    /// <summary>The incident severity that matches an alert level; informational and low both count as low.</summary>
    public static IncidentSeverity SeverityFor(AlertLevel level) => level switch
    {
        AlertLevel.Critical => IncidentSeverity.Critical,
        AlertLevel.High => IncidentSeverity.High,
        AlertLevel.Medium => IncidentSeverity.Medium,
        _ => IncidentSeverity.Low,
    };

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, for titles made from rule titles.</summary>
    public static string Fit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}
