using Haris.Core.Alerts;
using Haris.Operations.Accreditation;
using Haris.Operations.Tournaments;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Accreditation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Haris.Server.Operations.Accreditation;

/// <summary>What an import changed.</summary>
/// <param name="Imported">The people in the list.</param>
/// <param name="Added">Badges not registered before.</param>
/// <param name="Replaced">Badges registered before, now holding the list's values.</param>
/// <param name="Revoked">Badges of the list that stay revoked.</param>
public readonly record struct AccreditationImport(int Imported, int Added, int Replaced, int Revoked);

/// <summary>A checkpoint scan as stored, and the verdict it got.</summary>
public sealed record CheckpointOutcome(CheckpointScanRecord Scan, AccreditationVerdict Verdict);

/// <summary>
/// The accreditation the server runs: the registry of people and revocations, loaded from the database at start and
/// changed through it, the checker the checkpoints ask, and the alert evaluator their scans feed.
/// </summary>
/// <remarks>
/// <para>
/// The database is the record and the registry its copy in memory: every change is written first and applied to the
/// registry once it is committed, one change at a time, so the two never disagree on who is registered or revoked.
/// </para>
/// <para>
/// A scan is stored before it is judged by the alert rules, and the reader gets its answer only after both. The
/// evaluator guards its state with one lock of its own (<see cref="AccreditationAlertEvaluator"/>), so scans from many
/// requests feed it at once; its memory is trimmed every <see cref="ExpiryInterval"/> by the server's clock.
/// </para>
/// <para>Without a tournament there is nothing to check against: <see cref="Tournament"/> is null and nothing loads.</para>
/// </remarks>
public sealed class LiveAccreditation : IHostedService, IDisposable
{
    /// <summary>The dataset accreditation alerts are filed under.</summary>
    public const string Dataset = "accreditation";

    /// <summary>How often the alert evaluator forgets what no window or travel time can reach.</summary>
    public static readonly TimeSpan ExpiryInterval = TimeSpan.FromMinutes(1);

    private const int LookupSlice = 500;

    private readonly IDbContextFactory<HarisDbContext> _contexts;
    private readonly AlertIntake _intake;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveAccreditation> _logger;
    private readonly AccreditationChecker? _checker;
    private readonly AccreditationAlertEvaluator? _evaluator;
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _expiry;
    private volatile bool _loaded;

    /// <summary>Creates the registry, checker and evaluator of the configured tournament; nothing is loaded until the host starts.</summary>
    public LiveAccreditation(
        TournamentCatalog catalog, IDbContextFactory<HarisDbContext> contexts, AlertIntake intake, TimeProvider time, ILogger<LiveAccreditation> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _contexts = contexts;
        _intake = intake;
        _time = time;
        _logger = logger;
        Tournament = catalog.Tournament;
        if (Tournament is not null)
        {
            _checker = new AccreditationChecker(Tournament, Registry);
            _evaluator = new AccreditationAlertEvaluator(Tournament, time);
        }
    }

    /// <summary>The tournament the badges are checked against, or null when the server runs without one.</summary>
    public Tournament? Tournament { get; }

    /// <summary>The people and revocations in force.</summary>
    public AccreditationRegistry Registry { get; } = new();

    /// <summary>Whether the registry holds what the database held at start.</summary>
    public bool IsLoaded => _loaded;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Tournament is not { } tournament)
        {
            return;
        }

        await LoadAsync(tournament, cancellationToken).ConfigureAwait(false);
        _expiry = ExpireAsync(_stopping.Token);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_expiry is { } expiry)
        {
            await expiry.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Dispose();
        _changes.Dispose();
    }

    /// <summary>Adds or replaces every person of a checked list in one transaction; revocations stay.</summary>
    public async Task<AccreditationImport> ImportAsync(IReadOnlyList<AccreditedPerson> people, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var existing = new Dictionary<string, AccreditedPersonRecord>(StringComparer.Ordinal);

            // Looked up a slice at a time: a list of a whole tournament's staff would pass the provider's limit on
            // parameters in one query.
            foreach (var slice in people.Select(p => p.BadgeId).Chunk(LookupSlice))
            {
                await foreach (var record in db.AccreditedPeople.Where(p => slice.Contains(p.BadgeId)).AsAsyncEnumerable()
                    .WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    existing.Add(record.BadgeId, record);
                }
            }
            foreach (var person in people)
            {
                if (existing.TryGetValue(person.BadgeId, out var record))
                {
                    AccreditationRecords.Update(record, person, now, actor);
                }
                else
                {
                    db.AccreditedPeople.Add(AccreditationRecords.ToRecord(person, now, actor));
                }
            }

            // One SaveChanges is one transaction: the whole list is stored, or none of it.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var revoked = 0;
            foreach (var person in people)
            {
                Registry.AddOrReplace(person);
                revoked += Registry.IsRevoked(person.BadgeId) ? 1 : 0;
            }

            return new AccreditationImport(people.Count, people.Count - existing.Count, existing.Count, revoked);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Revokes a badge, registered or not.</summary>
    /// <returns>The revocation stored, and whether it is new (false: the badge was already revoked, and that revocation stays).</returns>
    /// <exception cref="ArgumentException">The badge id or the reason breaks the rules (docs/accreditation.md).</exception>
    public async Task<(BadgeRevocationRecord Revocation, bool Created)> RevokeAsync(
        string badgeId, string reason, string actor, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await db.BadgeRevocations.AsNoTracking().SingleOrDefaultAsync(r => r.BadgeId == badgeId, cancellationToken).ConfigureAwait(false)
                is { } stored)
            {
                return (stored, false);
            }

            // The registry checks the badge id and the reason; it is put back if the row cannot be written.
            var now = _time.GetUtcNow();
            Registry.Revoke(badgeId, now, reason);
            var revocation = new BadgeRevocationRecord { BadgeId = badgeId, RevokedAt = now, RevokedBy = actor, Reason = reason };
            try
            {
                db.BadgeRevocations.Add(revocation);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Registry.Reinstate(badgeId);
                throw;
            }

            return (revocation, true);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Lifts the revocation of a badge.</summary>
    /// <returns>The revocation lifted, or null when the badge was not revoked.</returns>
    public async Task<BadgeRevocationRecord?> ReinstateAsync(string badgeId, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var stored = await db.BadgeRevocations.SingleOrDefaultAsync(r => r.BadgeId == badgeId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            db.BadgeRevocations.Remove(stored);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Registry.Reinstate(badgeId);
            return stored;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Judges a badge presented at a checkpoint now, stores the scan, then feeds it to the alert rules.</summary>
    /// <param name="badgeId">What the reader read.</param>
    /// <param name="venueId">The venue of the checkpoint.</param>
    /// <param name="checkpointId">The reader's checkpoint.</param>
    /// <param name="zoneId">The zone it leads into.</param>
    /// <param name="sensor">Who sent it, for the record: <c>api-key:NAME</c>.</param>
    /// <param name="cancellationToken">Cancels until the scan is stored; the alerts it raises are stored regardless.</param>
    /// <exception cref="InvalidOperationException">The server runs without a tournament.</exception>
    public async Task<CheckpointOutcome> ScanAsync(
        string badgeId, string venueId, string checkpointId, string zoneId, string sensor, CancellationToken cancellationToken)
    {
        if (_checker is null || _evaluator is null)
        {
            throw new InvalidOperationException("The server runs without a tournament.");
        }

        var scan = new CheckpointScan(badgeId, venueId, checkpointId, zoneId, _time.GetUtcNow());
        var verdict = _checker.Check(scan);
        var record = new CheckpointScanRecord
        {
            At = scan.Time,
            BadgeId = badgeId,
            Venue = venueId,
            Checkpoint = checkpointId,
            Zone = zoneId,
            Decision = verdict.DecisionName,
            Reason = verdict.ReasonName,
            Sensor = sensor,
        };
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            db.CheckpointScans.Add(record);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var alerts = _evaluator.Observe(scan, verdict);
        if (alerts.Count > 0)
        {
            await StoreAlertsAsync(alerts, venueId).ConfigureAwait(false);
        }

        return new CheckpointOutcome(record, verdict);
    }

    // The evaluator raises an episode's alert once, so an alert dropped here would never come again: a reader that hangs
    // up does not cancel it. A store that fails is logged and the reader still gets its answer: a door must not stay shut
    // because the alert table is busy.
    private async Task StoreAlertsAsync(IReadOnlyList<Alert> alerts, string venueId)
    {
        try
        {
            await _intake.StoreAsync(alerts, venueId, Dataset, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AccreditationAlertsFailed(_logger, ex, alerts.Count);
        }
    }

    private async Task LoadAsync(Tournament tournament, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var skipped = 0;
        await foreach (var record in db.AccreditedPeople.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var person = AccreditationRecords.ToPerson(record, tournament, out var warning, out var problem);
            if (person is not null)
            {
                if (warning is not null)
                {
                    Log.AccreditationGrantOutdated(_logger, record.BadgeId, warning);
                }

                try
                {
                    Registry.AddOrReplace(person);
                    continue;
                }
                catch (ArgumentException ex)
                {
                    problem = ex.Message;
                }
            }

            Log.AccreditationRowSkipped(_logger, record.BadgeId, problem ?? "");
            skipped++;
        }

        var revocations = await db.BadgeRevocations.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var revocation in revocations)
        {
            if (!AccreditedPerson.IsBadgeId(revocation.BadgeId))
            {
                Log.AccreditationRowSkipped(_logger, revocation.BadgeId, "not a badge id");
                skipped++;
                continue;
            }

            try
            {
                Registry.Revoke(revocation.BadgeId, revocation.RevokedAt, revocation.Reason);
            }
            catch (ArgumentException)
            {
                // A reason the registry refuses (written by another tool) must not lift the revocation.
                Registry.Revoke(revocation.BadgeId, revocation.RevokedAt);
            }
        }

        _loaded = true;
        Log.AccreditationLoaded(_logger, Registry.Count, Registry.Revocations.Count, skipped);
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ExpiryInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                _evaluator!.Expire();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
