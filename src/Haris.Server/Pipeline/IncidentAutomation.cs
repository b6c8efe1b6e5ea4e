using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Haris.Core.Incidents;
using Haris.Server.Api;
using Haris.Storage;
using Haris.Storage.Alerts;
using Haris.Storage.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Haris.Server.Pipeline;

/// <summary>Opens incidents from stored alerts by the rules of <see cref="IncidentAutomationOptions"/>, or links alerts to the one already open.</summary>
/// <remarks>
/// <para>
/// Alerts are counted from the database, not in memory, so a burst that straddles a restart still adds up. An alert
/// counts as its <c>count</c> (the repeats folded into it included), and is in the window when it was last seen at
/// most <c>Window</c> before the newest alert on the target: windows follow event time, so replayed logs are judged
/// as they happened.
/// </para>
/// <para>
/// Fresh alerts arrive through <see cref="AlertIntake.Stored"/>, awaited before ingest moves on. Repeats folded into
/// an alert already stored raise no such event, only an <c>alert-count</c> live update naming the rule; those are
/// evaluated on a background loop, so a flood of one rule from one address still reaches its threshold.
/// </para>
/// <para>
/// One evaluation runs at a time, so two blocks of alerts on the same target cannot both open an incident. While an
/// incident a rule opened on a target is open, further alerts on that target are linked to it instead; a
/// <c>rule_group</c> rule links to any open incident already holding an alert of the same rule and group.
/// </para>
/// </remarks>
public sealed class IncidentAutomation : IHostedLifecycleService, IDisposable
{
    /// <summary>The most alerts linked to an incident when it is opened; the newest are kept.</summary>
    public const int MaxAlertsLinkedOnOpen = 200;

    private const int MaxRecentPerRepeat = 1000;

    private readonly AlertIntake _intake;
    private readonly LiveFeed _feed;
    private readonly IDbContextFactory<HarisDbContext> _contexts;
    private readonly IncidentJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<IncidentAutomation> _logger;
    private readonly bool _enabled;
    private readonly IReadOnlyList<IncidentAutomationRule> _rules;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, byte> _repeatedRules = new(StringComparer.Ordinal);
    private readonly Channel<bool> _repeatSignal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private IDisposable? _subscription;
    private Task? _repeatLoop;

    /// <summary>Creates the automation; it starts listening when the host starts.</summary>
    public IncidentAutomation(
        AlertIntake intake,
        LiveFeed feed,
        IDbContextFactory<HarisDbContext> contexts,
        IncidentJournal journal,
        IOptions<IncidentAutomationOptions> options,
        TimeProvider time,
        ILogger<IncidentAutomation> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _intake = intake;
        _feed = feed;
        _contexts = contexts;
        _journal = journal;
        _time = time;
        _logger = logger;
        _enabled = options.Value.Enabled;
        _rules = options.Value.ActiveRules();
    }

    /// <summary>The rules in force.</summary>
    public IReadOnlyList<IncidentAutomationRule> Rules => _rules;

    // Subscribing before any hosted service starts means ingest, which starts as one, cannot store an alert unseen.
    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken)
    {
        if (_enabled && _rules.Count > 0)
        {
            _intake.Stored += ApplyAsync;
            if (_rules.Any(r => r.Threshold > 1))
            {
                _subscription = _feed.Subscribe(OnLiveUpdate);
                _repeatLoop = RunRepeatsAsync(_stopping.Token);
            }
        }

        return Task.CompletedTask;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        _intake.Stored -= ApplyAsync;
        _subscription?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_repeatLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Dispose();
        _gate.Dispose();
    }

    /// <summary>Applies every rule to alerts just stored; a rule that fails is logged and does not stop the others or ingest.</summary>
    public async Task ApplyAsync(IReadOnlyList<StoredAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var seen = alerts.Select(a => new Seen(a.Id, a.RuleId, a.GroupKey, a.SourceIp, a.Venue, a.Level, a.LastSeen)).ToList();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var rule in _rules)
            {
                try
                {
                    foreach (var group in seen.Where(a => a.Level >= rule.MinLevel).GroupBy(a => TargetOf(rule, a)))
                    {
                        if (group.Key is { } target)
                        {
                            await EvaluateAsync(rule, target, group.Max(a => a.LastSeen), [.. group.Select(a => a.Id)], cancellationToken)
                                .ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.AutomationFailed(_logger, ex, rule.Name);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Evaluates the counting rules again for targets of <paramref name="ruleIds"/> whose stored alerts were raised by repeats.</summary>
    internal async Task ApplyRepeatsAsync(IReadOnlyCollection<string> ruleIds, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var rule in _rules.Where(r => r.Threshold > 1))
            {
                try
                {
                    var min = rule.MinLevel;
                    var since = _time.GetUtcNow() - rule.Window;
                    List<Seen> recent;
                    await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
                    {
                        recent = await db.Alerts.AsNoTracking()
                            .Where(a => ruleIds.Contains(a.RuleId) && a.Level >= min && a.LastSeen >= since)
                            .OrderByDescending(a => a.LastSeen)
                            .Take(MaxRecentPerRepeat)
                            .Select(a => new Seen(a.Id, a.RuleId, a.GroupKey, a.SourceIp, a.Venue, a.Level, a.LastSeen))
                            .ToListAsync(cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var group in recent.GroupBy(a => TargetOf(rule, a)))
                    {
                        if (group.Key is { } target)
                        {
                            await EvaluateAsync(rule, target, group.Max(a => a.LastSeen), [], cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.AutomationFailed(_logger, ex, rule.Name);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void OnLiveUpdate(LiveUpdate update)
    {
        // Called on the ingest thread: note the rule and wake the loop, nothing more. Rule ids are those of loaded
        // rules, so the set stays as small as the rule set.
        if (update.Kind == "alert-count")
        {
            _repeatedRules.TryAdd(update.Id, 0);
            _repeatSignal.Writer.TryWrite(true);
        }
    }

    private async Task RunRepeatsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _repeatSignal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _repeatSignal.Reader.TryRead(out _);
                var ruleIds = new List<string>();
                foreach (var id in _repeatedRules.Keys)
                {
                    if (_repeatedRules.TryRemove(id, out _))
                    {
                        ruleIds.Add(id);
                    }
                }

                if (ruleIds.Count > 0)
                {
                    await ApplyRepeatsAsync(ruleIds, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task EvaluateAsync(
        IncidentAutomationRule rule, Target target, DateTimeOffset newest, IReadOnlyList<string> freshIds, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var actor = rule.Actor;
        if (await FindOpenAsync(db, rule, target, cancellationToken).ConfigureAwait(false) is { } open)
        {
            if (freshIds.Count == 0)
            {
                return;
            }

            var linked = await db.IncidentAlertLinks.Where(l => l.IncidentId == open && freshIds.Contains(l.AlertId)).Select(l => l.AlertId)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var toLink = freshIds.Except(linked, StringComparer.Ordinal).ToList();
            if (toLink.Count == 0)
            {
                return;
            }

            await IncidentJournal.LinkAsync(db, open, toLink, actor, now, cancellationToken).ConfigureAwait(false);
            var holder = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == open, cancellationToken).ConfigureAwait(false);
            await _journal.RecordAsync(actor, "incident.link_alerts", holder, new JsonObject { ["alert_ids"] = IncidentJournal.Ids(toLink) }, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var since = newest - rule.Window;
        var inWindow = Matching(db.Alerts.AsNoTracking(), rule, target).Where(a => a.LastSeen >= since);
        var count = await inWindow.SumAsync(a => a.Count, cancellationToken).ConfigureAwait(false);
        if (count < rule.Threshold)
        {
            return;
        }

        var evidence = await Matching(db.Alerts.AsNoTracking(), rule, target)
            .Where(a => a.LastSeen >= since || freshIds.Contains(a.Id))
            .OrderByDescending(a => a.LastSeen)
            .Take(MaxAlertsLinkedOnOpen)
            .Select(a => new { a.Id, a.RuleTitle, a.Level, a.Venue, a.SourceIp, a.FirstSeen })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (evidence.Count == 0)
        {
            return;
        }

        var venues = evidence.Select(e => e.Venue).Distinct(StringComparer.Ordinal).ToList();
        var data = new JsonObject
        {
            ["automation"] = rule.Name,
            ["target"] = EnumText.Name(target.Kind),
            ["value"] = target.Value,
            ["alerts"] = count,
            ["window_seconds"] = (long)rule.Window.TotalSeconds,
        };
        var incident = new Incident
        {
            Title = IncidentJournal.Fit(Title(rule, target, count, evidence[0].RuleTitle, evidence[0].SourceIp), IncidentsApi.MaxTitleLength),
            Category = rule.CategoryValue,
            Severity = rule.SeverityValue ?? IncidentJournal.SeverityFor(evidence.Max(e => e.Level)),
            Venue = target.Kind == AutomationTarget.Venue ? target.Value : venues.Count == 1 ? venues[0] : null,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        incident.Timeline.Add(IncidentJournal.Entry(
            TimelineEntryKind.Created, actor, now,
            $"opened by automation rule {rule.Name}: {count} alert(s) of level {EnumText.Name(rule.MinLevel)} or above on {EnumText.Name(target.Kind)} {target.Value} within {Span(rule.Window)}",
            data));
        foreach (var alert in evidence)
        {
            incident.AlertLinks.Add(new IncidentAlertLink { AlertId = alert.Id, LinkedAt = now, LinkedBy = actor });
        }

        if (target.Kind == AutomationTarget.SourceIp)
        {
            incident.Observables.Add(new IncidentObservable
            {
                Kind = ObservableKind.Ip,
                Value = target.Value,
                FirstSeen = evidence.Min(e => e.FirstSeen),
                AddedBy = actor,
            });
        }

        var ids = evidence.Select(e => e.Id).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await db.Alerts.Where(a => ids.Contains(a.Id) && a.IncidentId == null)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.IncidentId, incident.Id), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.AutomationOpened(_logger, rule.Name, incident.Id, EnumText.Name(target.Kind), target.Value);
        await _journal.RecordAsync(actor, "incident.create", incident, data, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> FindOpenAsync(HarisDbContext db, IncidentAutomationRule rule, Target target, CancellationToken cancellationToken)
    {
        if (target.Kind == AutomationTarget.RuleGroup)
        {
            var ruleId = target.Value;
            var group = target.Group ?? "";
            return await db.IncidentAlertLinks.AsNoTracking()
                .Where(l => l.Alert!.RuleId == ruleId && l.Alert.GroupKey == group && l.Incident!.Status != IncidentStatus.Closed)
                .OrderByDescending(l => l.IncidentId)
                .Select(l => (long?)l.IncidentId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        // Few incidents are open at once, and fewer were opened by one rule: their targets are compared here.
        var actor = rule.Actor;
        var opened = await db.IncidentTimeline.AsNoTracking()
            .Where(e => e.Kind == TimelineEntryKind.Created && e.Actor == actor && e.Incident!.Status != IncidentStatus.Closed)
            .OrderByDescending(e => e.IncidentId)
            .Select(e => new { e.IncidentId, e.Data })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var kind = EnumText.Name(target.Kind);
        foreach (var entry in opened)
        {
            if (entry.Data is null)
            {
                continue;
            }

            using var data = JsonDocument.Parse(entry.Data);
            if (data.RootElement.TryGetProperty("target", out var t) && t.ValueEquals(kind)
                && data.RootElement.TryGetProperty("value", out var v) && v.ValueEquals(target.Value))
            {
                return entry.IncidentId;
            }
        }

        return null;
    }

    private static Target? TargetOf(IncidentAutomationRule rule, Seen alert) => rule.TargetKind switch
    {
        AutomationTarget.RuleGroup => new Target(AutomationTarget.RuleGroup, alert.RuleId, alert.GroupKey),
        AutomationTarget.SourceIp when alert.SourceIp is { } ip => new Target(AutomationTarget.SourceIp, ip, null),
        AutomationTarget.SourceIp or AutomationTarget.Venue when alert.Venue is { } venue => new Target(AutomationTarget.Venue, venue, null),
        AutomationTarget.Rule => new Target(AutomationTarget.Rule, alert.RuleId, null),
        _ => null,
    };

    private static IQueryable<StoredAlert> Matching(IQueryable<StoredAlert> alerts, IncidentAutomationRule rule, Target target)
    {
        var min = rule.MinLevel;
        var value = target.Value;
        alerts = alerts.Where(a => a.Level >= min);
        switch (target.Kind)
        {
            case AutomationTarget.RuleGroup:
                var group = target.Group ?? "";
                return alerts.Where(a => a.RuleId == value && a.GroupKey == group);
            case AutomationTarget.SourceIp:
                return alerts.Where(a => a.SourceIp == value);
            case AutomationTarget.Venue when rule.TargetKind == AutomationTarget.SourceIp:
                // A source-address rule falls back to the venue only for alerts without an address; the others have their own target.
                return alerts.Where(a => a.Venue == value && a.SourceIp == null);
            case AutomationTarget.Venue:
                return alerts.Where(a => a.Venue == value);
            default:
                return alerts.Where(a => a.RuleId == value);
        }
    }

    private static string Title(IncidentAutomationRule rule, Target target, long count, string ruleTitle, string? sourceIp)
    {
        var level = EnumText.Name(rule.MinLevel);
        var window = Span(rule.Window);
        var n = count.ToString(CultureInfo.InvariantCulture);
        return target.Kind switch
        {
            AutomationTarget.RuleGroup when rule.Threshold == 1 => sourceIp is null ? ruleTitle : $"{ruleTitle} from {sourceIp}",
            AutomationTarget.RuleGroup => $"{n} × {ruleTitle}{(sourceIp is null ? "" : " from " + sourceIp)} within {window}",
            AutomationTarget.SourceIp => $"{n} alerts of level {level} or above from {target.Value} within {window}",
            AutomationTarget.Venue => $"{n} alerts of level {level} or above at {target.Value} within {window}",
            _ => $"{n} × {ruleTitle} within {window}",
        };
    }

    private static string Span(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 && window.Milliseconds == 0
            ? (window.TotalMinutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{(long)window.TotalMinutes} minutes"))
            : string.Create(CultureInfo.InvariantCulture, $"{(long)window.TotalSeconds} seconds");

    private readonly record struct Target(AutomationTarget Kind, string Value, string? Group);

    private sealed record Seen(string Id, string RuleId, string GroupKey, string? SourceIp, string? Venue, Core.Alerts.AlertLevel Level, DateTimeOffset LastSeen);
}
