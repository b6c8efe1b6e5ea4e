using System.Text.Json.Nodes;
using Haris.Core.Incidents;
using Haris.Server.Api;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Incidents;
using Haris.Storage.Units;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Operations.Field;

/// <summary>The moves of a security unit between its states, as stored rows and the incident timeline lines that record them.</summary>
/// <remarks>
/// available → dispatched (to one incident) → on scene → available; a unit may be released from either busy state.
/// A unit without a row in <c>unit_status</c> is available; a released unit keeps its row, set back to available, so
/// the next dispatch is guarded by the row's version rather than by the insert.
/// </remarks>
internal static class UnitMoves
{
    /// <summary>The state stored in <paramref name="record"/>; no row is available.</summary>
    public static UnitState StateOf(UnitStatusRecord? record) =>
        record is not null && EnumText.TryParse<UnitState>(record.Status, out var state) ? state : UnitState.Available;

    /// <summary>Moves <paramref name="record"/> to <paramref name="to"/> for <paramref name="incidentId"/> (null when released).</summary>
    public static void Move(UnitStatusRecord record, UnitState to, long? incidentId, string actor, DateTimeOffset now)
    {
        record.Status = EnumText.Name(to);
        record.IncidentId = incidentId;
        record.Since = now;
        record.ChangedBy = actor;
    }

    /// <summary>The timeline line of a unit's move; <c>data</c> holds the unit and both states.</summary>
    public static IncidentTimelineEntry Entry(string unitId, UnitState from, UnitState to, string actor, DateTimeOffset now, string? why = null)
    {
        var (kind, text) = to switch
        {
            UnitState.Dispatched => (TimelineEntryKind.UnitDispatched, $"unit {unitId} dispatched"),
            UnitState.OnScene => (TimelineEntryKind.UnitArrived, $"unit {unitId} on scene"),
            _ => (TimelineEntryKind.UnitReleased, $"unit {unitId} released"),
        };
        var data = new JsonObject { ["unit"] = unitId, ["from"] = EnumText.Name(from), ["to"] = EnumText.Name(to) };
        if (why is not null)
        {
            data["reason"] = why;
        }

        return IncidentJournal.Entry(kind, actor, now, why is null ? text : $"{text}: {why}", data);
    }

    /// <summary>
    /// Sets every unit dispatched to or on scene at <paramref name="incident"/> back to available, with a released line
    /// each on its timeline, in the context's pending changes: they are saved with the change that ends the incident's
    /// need for them (resolving or closing it), or not at all.
    /// </summary>
    /// <returns>The ids of the units released.</returns>
    public static async Task<IReadOnlyList<string>> ReleaseAllAsync(
        HarisDbContext db, Incident incident, string actor, DateTimeOffset now, string why, CancellationToken cancellationToken)
    {
        var held = await db.UnitStatus.Where(u => u.IncidentId == incident.Id).OrderBy(u => u.UnitId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var released = new List<string>(held.Count);
        foreach (var record in held)
        {
            var from = StateOf(record);
            if (from == UnitState.Available)
            {
                continue;
            }

            Move(record, UnitState.Available, null, actor, now);
            incident.Timeline.Add(Entry(record.UnitId, from, UnitState.Available, actor, now, why));
            released.Add(record.UnitId);
        }

        return released;
    }
}
