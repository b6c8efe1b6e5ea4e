using Haris.Core.Alerts;
using Haris.Server.Detection;
using Haris.Storage;
using Haris.Storage.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haris.Server.Pipeline;

/// <summary>What <see cref="AlertIntake.StoreAsync"/> did with a block of alerts.</summary>
public readonly record struct IntakeResult(int Stored, int Suppressed, int Allowlisted, int Disabled, int AlreadyStored);

/// <summary>
/// Takes the alerts detection raises and stores them: drops those of rules turned off and those an allowlist covers,
/// folds repeats into the open alert of the same rule and group, and tells live screens.
/// </summary>
/// <remarks>
/// Suppression keys on rule and group (the correlation's group-by values, or the source address of a single-event
/// alert), so it never hides an escalation: a higher-level or different rule on the same group has another key and is
/// raised anew. Alerts whose id is already stored (lines read again after a crash) change nothing.
/// </remarks>
public sealed class AlertIntake(
    IDbContextFactory<HarisDbContext> contexts,
    AlertStore store,
    AllowlistCache allowlist,
    LiveRules rules,
    LiveFeed feed,
    IOptions<AlertIntakeOptions> options,
    TimeProvider time)
{
    /// <summary>Called with the alerts just stored (not those folded into an open alert), after they are committed.</summary>
    public event Func<IReadOnlyList<StoredAlert>, CancellationToken, Task>? Stored;

    /// <summary>Stores <paramref name="alerts"/> raised on lines of <paramref name="venue"/> and <paramref name="dataset"/>.</summary>
    public async Task<IntakeResult> StoreAsync(IReadOnlyList<Alert> alerts, string? venue, string? dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return default;
        }

        var now = time.GetUtcNow();
        var window = options.Value.SuppressionWindow;
        var known = await StoredIdsAsync(alerts, cancellationToken).ConfigureAwait(false);
        var fresh = new List<StoredAlert>();
        var openInBlock = new Dictionary<(string Rule, string Group), StoredAlert>();
        int suppressed = 0, allowlisted = 0, disabled = 0, already = 0;
        foreach (var alert in alerts)
        {
            if (!rules.IsEnabled(alert.RuleId))
            {
                disabled++;
                continue;
            }

            if (known.Contains(alert.Id))
            {
                already++;
                continue;
            }

            if (await allowlist.FindForAsync(alert, cancellationToken).ConfigureAwait(false) is not null)
            {
                allowlisted++;
                continue;
            }

            var stored = StoredAlert.FromAlert(alert, now, venue);
            if (dataset is not null)
            {
                stored.Dataset = dataset;
            }

            if (window > TimeSpan.Zero)
            {
                if (openInBlock.TryGetValue((stored.RuleId, stored.GroupKey), out var open) && stored.FirstSeen - open.LastSeen <= window)
                {
                    open.Count += stored.Count;
                    open.LastSeen = stored.LastSeen > open.LastSeen ? stored.LastSeen : open.LastSeen;
                    suppressed++;
                    continue;
                }

                if (await store.TrySuppressAsync(stored, window, cancellationToken).ConfigureAwait(false))
                {
                    suppressed++;
                    feed.Publish(new LiveUpdate("alert-count", stored.RuleId, venue));
                    continue;
                }

                openInBlock[(stored.RuleId, stored.GroupKey)] = stored;
            }

            fresh.Add(stored);
        }

        var added = await store.AddAsync(fresh, cancellationToken).ConfigureAwait(false);
        foreach (var alert in fresh)
        {
            feed.Publish(new LiveUpdate("alert", alert.Id, alert.Venue));
        }

        if (fresh.Count > 0 && Stored is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<IReadOnlyList<StoredAlert>, CancellationToken, Task>>())
            {
                await handler(fresh, cancellationToken).ConfigureAwait(false);
            }
        }

        return new IntakeResult(added, suppressed, allowlisted, disabled, already + (fresh.Count - added));
    }

    private async Task<HashSet<string>> StoredIdsAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var ids = alerts.Select(a => a.Id).Distinct(StringComparer.Ordinal).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new HashSet<string>(stored, StringComparer.Ordinal);
    }
}
