using Haris.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Alerts;

/// <summary>Writes alerts idempotently and counts repeats of a recent alert into it.</summary>
public sealed class AlertStore(IDbContextFactory<HarisDbContext> contexts)
{
    /// <summary>Stores the alerts whose ids are not stored yet and returns how many were new.</summary>
    /// <remarks>
    /// Ingest is at-least-once: after a crash a file is read again from its saved offset, and the same lines give the
    /// same alert ids. Those are skipped here, so a replay stores nothing twice.
    /// </remarks>
    public async Task<int> AddAsync(IReadOnlyCollection<StoredAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var unique = alerts.DistinctBy(a => a.Id, StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            return 0;
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var ids = unique.Select(a => a.Id).ToList();
            var stored = await db.Alerts.Where(a => ids.Contains(a.Id)).Select(a => a.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var fresh = unique.Where(a => !stored.Contains(a.Id, StringComparer.Ordinal)).ToList();
            if (fresh.Count == 0)
            {
                return 0;
            }

            db.Alerts.AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return fresh.Count;
            }
            catch (DbUpdateException)
            {
                // Another writer stored some of these ids since they were looked up: go one by one below.
            }
        }

        var added = 0;
        foreach (var alert in unique)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await db.Alerts.AnyAsync(a => a.Id == alert.Id, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            db.Alerts.Add(alert);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                added++;
            }
            catch (DbUpdateException)
            {
                // Stored by another writer in the meantime is what was wanted; anything else is a real failure.
                if (!await IsStoredAsync(alert.Id, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }

        return added;
    }

    /// <summary>
    /// Counts <paramref name="alert"/> into the latest open alert of the same rule and group last seen within
    /// <paramref name="window"/> before it; false when there is none, and the alert should be added.
    /// </summary>
    /// <remarks>Counts are at-least-once like ingest: a repeat counted in and then replayed is counted again.</remarks>
    public async Task<bool> TrySuppressAsync(StoredAlert alert, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var since = alert.FirstSeen - window;
        var lastSeen = alert.LastSeen;
        var count = alert.Count;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var target = await db.Alerts
            .Where(a => a.RuleId == alert.RuleId && a.GroupKey == alert.GroupKey && a.LastSeen >= since && a.Status != AlertStatus.Closed)
            .OrderByDescending(a => a.LastSeen)
            .Select(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return false;
        }

        var updated = await db.Alerts.Where(a => a.Id == target)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.Count, a => a.Count + count)
                    .SetProperty(a => a.LastSeen, a => a.LastSeen < lastSeen ? lastSeen : a.LastSeen),
                cancellationToken).ConfigureAwait(false);
        return updated > 0;
    }

    private async Task<bool> IsStoredAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Alerts.AnyAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
    }
}
