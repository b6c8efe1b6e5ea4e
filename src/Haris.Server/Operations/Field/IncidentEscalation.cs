using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Haris.Core.Incidents;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Haris.Server.Operations.Field;

/// <summary>
/// Escalates to the commanders every critical incident still reported (not acknowledged) <see cref="EscalationOptions.AcknowledgeWithin"/>
/// after it was reported: sets its <c>escalated_at</c> once, writes an <c>escalated</c> line by <c>system</c>, audits it
/// and tells live screens.
/// </summary>
/// <remarks>
/// <para>
/// Nothing is polled: after each check one timer of the injected <see cref="TimeProvider"/> is set for the moment the
/// next pending incident falls due, and every incident update on the <see cref="LiveFeed"/> (a new critical incident,
/// an acknowledgement) wakes the check early. The first check runs when the host starts, so an escalation that fell
/// due while the server was down is made then, timed when it is made.
/// </para>
/// <para>
/// The escalation is an addition, like a comment: it leaves the incident's version alone, so it never makes a person
/// acknowledging at the same moment retry. It is written only while the incident is still reported and not escalated,
/// so it happens at most once.
/// </para>
/// </remarks>
public sealed class IncidentEscalation : IHostedService, IDisposable
{
    /// <summary>The actor of escalations.</summary>
    public const string Actor = "system";

    /// <summary>The most incidents escalated in one check; a longer backlog is worked through by the next checks.</summary>
    private const int MaxPerCheck = 100;

    private readonly IDbContextFactory<HarisDbContext> _contexts;
    private readonly IncidentJournal _journal;
    private readonly LiveFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<IncidentEscalation> _logger;
    private readonly EscalationOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private ITimer? _timer;
    private IDisposable? _subscription;
    private Task? _loop;

    /// <summary>Creates the escalation; it starts checking when the host starts.</summary>
    public IncidentEscalation(
        IDbContextFactory<HarisDbContext> contexts,
        IncidentJournal journal,
        LiveFeed feed,
        IOptions<EscalationOptions> options,
        TimeProvider time,
        ILogger<IncidentEscalation> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contexts = contexts;
        _journal = journal;
        _feed = feed;
        _time = time;
        _logger = logger;
        _options = options.Value;
    }

    /// <summary>How long a critical incident may stay unacknowledged.</summary>
    public TimeSpan AcknowledgeWithin => _options.AcknowledgeWithin;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        _timer = _time.CreateTimer(static state => ((IncidentEscalation)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _subscription = _feed.Subscribe(OnLiveUpdate);
        _wake.Writer.TryWrite(true);
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
        _stopping.Dispose();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private void OnLiveUpdate(LiveUpdate update)
    {
        // Called on the publishing request's thread: wake the loop, nothing more. Escalations publish incident updates
        // too, which costs one check that finds nothing new.
        if (update.Kind == IncidentJournal.LiveKind)
        {
            Wake();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                DateTimeOffset? next;
                try
                {
                    next = await CheckAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.EscalationCheckFailed(_logger, ex, _options.RetryAfterFailure);
                    next = _time.GetUtcNow() + _options.RetryAfterFailure;
                }

                Arm(next);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Arm(DateTimeOffset? next)
    {
        if (next is not { } due)
        {
            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var delay = due - _time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            _timer!.Change(delay, Timeout.InfiniteTimeSpan);
        }

        // The clock may have passed the due time between reading it and setting the timer, which would then wait a
        // whole delay more; checking again after setting it closes that gap.
        if (_time.GetUtcNow() >= due)
        {
            Wake();
        }
    }

    /// <summary>Escalates the incidents due now; returns when the next pending one falls due, or null when none is pending.</summary>
    private async Task<DateTimeOffset?> CheckAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var limit = _options.AcknowledgeWithin;
        var dueIfReportedBy = now - limit;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // Status, not acknowledged_at alone: incidents acknowledged before that column existed have none.
        var pending = db.Incidents.AsNoTracking().Where(i =>
            i.Severity == IncidentSeverity.Critical && i.Status == IncidentStatus.Reported && i.AcknowledgedAt == null && i.EscalatedAt == null);
        var due = await pending.Where(i => i.CreatedAt <= dueIfReportedBy).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(MaxPerCheck)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var incident in due)
        {
            await EscalateAsync(db, incident, now, limit, cancellationToken).ConfigureAwait(false);
        }

        if (due.Count == MaxPerCheck)
        {
            return now;
        }

        var nextReported = await pending.Where(i => i.CreatedAt > dueIfReportedBy).OrderBy(i => i.CreatedAt).Select(i => (DateTimeOffset?)i.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return nextReported + limit;
    }

    private async Task EscalateAsync(HarisDbContext db, Incident incident, DateTimeOffset now, TimeSpan limit, CancellationToken cancellationToken)
    {
        var id = incident.Id;
        var minutes = limit.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["reported_at"] = incident.CreatedAt,
            ["due_at"] = incident.CreatedAt + limit,
            ["acknowledge_within_seconds"] = (long)limit.TotalSeconds,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Taken only if still unacknowledged and not escalated, so a person acknowledging or another check at the
            // same moment wins cleanly.
            var taken = await db.Incidents
                .Where(i => i.Id == id && i.Status == IncidentStatus.Reported && i.AcknowledgedAt == null && i.EscalatedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.EscalatedAt, now), cancellationToken).ConfigureAwait(false);
            if (taken == 0)
            {
                return;
            }

            var text = $"critical and not acknowledged within {minutes} minutes of being reported: escalated to the commanders";
            await IncidentJournal.AppendAsync(db, id, now, IncidentJournal.Entry(TimelineEntryKind.Escalated, Actor, now, text, data), cancellationToken)
                .ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        incident.EscalatedAt = now;
        Log.IncidentEscalated(_logger, id, incident.Venue, limit);
        await _journal.RecordAsync(Actor, "incident.escalate", incident, data, cancellationToken).ConfigureAwait(false);
        _journal.Escalated(incident);
    }
}
