using System.Data.Common;
using System.Threading.Channels;
using Haris.Operations.Tickets;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Haris.Server.Operations.Ticketing;

/// <summary>A scan handed to the desk: where, what, and the result of the checks that could run beforehand.</summary>
internal sealed class PendingScan(string venue, ScanRequest request, TicketInspection inspection, string sensor)
{
    public string Venue { get; } = venue;

    public ScanRequest Request { get; } = request;

    public TicketInspection Inspection { get; } = inspection;

    public string Sensor { get; } = sensor;

    public TaskCompletionSource<DecidedScan> Decided { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A scan's verdict once it is stored.</summary>
/// <param name="Id">The stored scan's id.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Match">The match the gate scanned for, if any.</param>
/// <param name="Verdict">The verdict.</param>
public readonly record struct DecidedScan(long Id, DateTimeOffset At, string? Match, ScanVerdict Verdict);

/// <summary>
/// Decides turnstile scans one at a time, in the order they arrive, and stores each batch of verdicts in one
/// transaction before any of them is answered (group commit).
/// </summary>
/// <remarks>
/// <para>
/// The signature of a scan is checked on the request's thread (<see cref="TicketValidator.Inspect"/>); only what
/// depends on the moment and on who is inside runs here, on one thread, so two scans of one ticket at two gates are
/// decided in turn and exactly one enters. The verdicts of a batch are written together: one commit (one flush to disk)
/// carries as many scans as arrived meanwhile, which is what lets a durable desk keep up with a stadium's turnstiles.
/// </para>
/// <para>
/// When a batch cannot be written, its decisions are undone in reverse order (who entered is out again) and every
/// turnstile of the batch gets an error, so what was answered is exactly what is stored.
/// </para>
/// </remarks>
public sealed class ScanDesk : BackgroundService
{
    private readonly TicketOffice _office;
    private readonly IDbContextFactory<HarisDbContext> _contexts;
    private readonly TicketScanWriter _writer;
    private readonly TimeProvider _time;
    private readonly LiveFeed _feed;
    private readonly ILogger<ScanDesk> _logger;
    private readonly Channel<PendingScan> _queue;
    private readonly int _maxBatch;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _decided;

    /// <summary>The desk of <paramref name="office"/>.</summary>
    public ScanDesk(
        TicketOffice office,
        IDbContextFactory<HarisDbContext> contexts,
        IOptions<TicketingOptions> options,
        TimeProvider time,
        LiveFeed feed,
        ILogger<ScanDesk> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _office = office;
        _contexts = contexts;
        _writer = new TicketScanWriter(contexts);
        _time = time;
        _feed = feed;
        _logger = logger;
        _maxBatch = options.Value.MaxBatch;
        _queue = Channel.CreateBounded<PendingScan>(new BoundedChannelOptions(options.Value.QueueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Scans decided and stored since start.</summary>
    public long Decided => Interlocked.Read(ref _decided);

    /// <summary>
    /// Checks a scan's signature, queues it for a decision and waits until its verdict is stored.
    /// </summary>
    /// <returns>The stored verdict, or null when the queue is full (the turnstile should retry shortly).</returns>
    /// <exception cref="ScanNotStoredException">The verdict could not be stored; nothing was admitted.</exception>
    public async Task<DecidedScan?> SubmitAsync(string venue, ScanRequest request, string sensor, CancellationToken cancellationToken)
    {
        var validator = _office.ValidatorAt(venue) ?? throw new ArgumentException($"no venue '{venue}'", nameof(venue));

        // Imported barcodes are checked below: wait until the start-up load has put them in.
        await _loaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingScan(venue, request, validator.Inspect(request), sensor);
        if (!_queue.Writer.TryWrite(pending))
        {
            return null;
        }

        // Once queued the scan is decided whatever the caller does: a turnstile that gave up still finds it stored.
        return await pending.Decided.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _office.LoadAsync(_contexts, stoppingToken).ConfigureAwait(false);
        if (_office.Tournament is { } tournament)
        {
            Log.TicketingReady(_logger, tournament.Venues.Count, string.Join(", ", _office.KeyIds), _office.Registry.Count, _office.Revocations.Count);
        }

        _loaded.TrySetResult();
        var batch = new List<PendingScan>(_maxBatch);
        var records = new List<TicketScanRecord>(_maxBatch);
        var verdicts = new List<ScanVerdict>(_maxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                records.Clear();
                verdicts.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await DecideAndStoreAsync(batch, records, verdicts).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Scans still queued were never decided: their turnstiles are told so and may present them again.
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var left))
            {
                left.Decided.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task DecideAndStoreAsync(List<PendingScan> batch, List<TicketScanRecord> records, List<ScanVerdict> verdicts)
    {
        var now = _time.GetUtcNow();
        foreach (var scan in batch)
        {
            var gates = _office.GatesAt(scan.Venue)!;
            var match = gates.CurrentMatch(scan.Request.Gate);
            var verdict = _office.ValidatorAt(scan.Venue)!.Decide(scan.Request, scan.Inspection);
            verdicts.Add(verdict);
            records.Add(new TicketScanRecord
            {
                At = now,
                Venue = scan.Venue,
                Match = match,
                Gate = scan.Request.Gate,
                Direction = ScanNames.Name(scan.Request.Direction),
                Decision = verdict.DecisionName,
                Reason = verdict.ReasonName,
                RedirectGate = verdict.RedirectGate,
                TicketId = verdict.TicketId,
                Zone = verdict.TicketId is null ? null : scan.Inspection.ZoneId,
                TokenError = verdict.TokenError == TokenError.None ? null : ScanNames.Name(verdict.TokenError),
                Sensor = scan.Sensor,
            });
        }

        try
        {
            // Not cancellable: the decisions are made, and either all of them are stored or all are undone.
            await _writer.WriteAsync(records, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException or IOException)
        {
            Undo(verdicts);
            Log.ScansNotStored(_logger, ex, batch.Count);
            foreach (var scan in batch)
            {
                scan.Decided.TrySetException(new ScanNotStoredException("the verdict could not be stored; present the ticket again", ex));
            }

            return;
        }

        var venues = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var scan = batch[i];
            var record = records[i];
            if (record.Match is not null && _office.Tournament!.Match(record.Match) is { } match)
            {
                _office.CrowdOf(match).Record(now, record.Gate, scan.Request.Direction, verdicts[i], record.Zone);
            }

            scan.Decided.TrySetResult(new DecidedScan(record.Id, now, record.Match, verdicts[i]));
            venues.Add(scan.Venue);
        }

        Interlocked.Add(ref _decided, batch.Count);
        foreach (var venue in venues)
        {
            _feed.Publish(new LiveUpdate("scans", venue, venue));
        }
    }

    // Reverse order: a ticket that went in and out within the batch ends where it started.
    private void Undo(List<ScanVerdict> verdicts)
    {
        for (var i = verdicts.Count - 1; i >= 0; i--)
        {
            var verdict = verdicts[i];
            if (verdict.Reason == ScanReason.Entered)
            {
                _office.Presence.Exit(verdict.TicketId!);
            }
            else if (verdict.Reason == ScanReason.Exited)
            {
                _office.Presence.TryEnter(verdict.TicketId!);
            }
        }
    }
}

/// <summary>A scan's verdict could not be stored, so it was not given: the turnstile stays closed and may try again.</summary>
public sealed class ScanNotStoredException(string message, Exception inner) : Exception(message, inner);
