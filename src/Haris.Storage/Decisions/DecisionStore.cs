using Haris.Core.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Haris.Storage.Decisions;

/// <summary>Creates and revokes block decisions, numbering each change so the edge can follow them with a cursor.</summary>
/// <remarks>How expiry appears to a consumer following the changes is described on <see cref="Decision"/>.</remarks>
public sealed class DecisionStore : IDisposable
{
    /// <summary>The most changes returned in one batch unless asked for fewer.</summary>
    public const int DefaultBatchSize = 1000;

    private readonly IDbContextFactory<HarisDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly SequencedWriter _writer;

    /// <summary>Creates the store over the store's contexts, dating decisions with <paramref name="time"/>.</summary>
    public DecisionStore(IDbContextFactory<HarisDbContext> contexts, TimeProvider time, ILogger<DecisionStore> logger)
    {
        _contexts = contexts;
        _time = time;
        _writer = new SequencedWriter(contexts, logger, "decision");
    }

    /// <summary>Records a decision on an IP address or CIDR block, for <paramref name="duration"/> or until revoked.</summary>
    /// <exception cref="ArgumentException">The value is neither an IP address nor a CIDR block.</exception>
    public Task<Decision> CreateAsync(
        string value, string reason, string origin, string createdBy, TimeSpan? duration = null, DecisionKind kind = DecisionKind.Ban,
        CancellationToken cancellationToken = default)
    {
        if (!DecisionScope.TryNormalize(value, out var normalized))
        {
            throw new ArgumentException($"'{value}' is neither an IP address nor a CIDR block.", nameof(value));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (duration is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(d, TimeSpan.Zero, nameof(duration));
        }

        return _writer.WriteAsync(
            async (db, ct) =>
            {
                var now = _time.GetUtcNow();
                var decision = new Decision
                {
                    Value = normalized,
                    Kind = kind,
                    Reason = reason,
                    Origin = origin,
                    CreatedBy = createdBy,
                    CreatedAt = now,
                    ExpiresAt = now + duration,
                    Sequence = await NextSequenceAsync(db, ct).ConfigureAwait(false),
                };
                db.Decisions.Add(decision);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return decision;
            },
            cancellationToken);
    }

    /// <summary>Revokes a decision, which moves it to the end of the change stream; null when there is no such decision.</summary>
    /// <remarks>A decision already revoked is returned as it is, without a new change.</remarks>
    public Task<Decision?> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        return _writer.WriteAsync(
            async (db, ct) =>
            {
                var decision = await db.Decisions.SingleOrDefaultAsync(d => d.Id == id, ct).ConfigureAwait(false);
                if (decision is null || decision.RevokedAt is not null)
                {
                    return decision;
                }

                decision.RevokedAt = _time.GetUtcNow();
                decision.RevokedBy = revokedBy;
                decision.Sequence = await NextSequenceAsync(db, ct).ConfigureAwait(false);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return decision;
            },
            cancellationToken);
    }

    /// <summary>The decisions changed after <paramref name="cursor"/> (0 for all), oldest change first.</summary>
    public async Task<DecisionChanges> GetChangesAsync(long cursor, int limit = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = _time.GetUtcNow();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = await db.Decisions.AsNoTracking()
            .Where(d => d.Sequence > cursor)
            .OrderBy(d => d.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DecisionChanges(changed, changed.Count > 0 ? changed[^1].Sequence : cursor, now);
    }

    /// <summary>The decisions in force now, with a cursor to follow changes from.</summary>
    /// <remarks>
    /// The cursor is read before the decisions, without a transaction: a change made in between is then both in the
    /// snapshot and in the next batch of changes, which a consumer applying each row's state takes twice harmlessly.
    /// </remarks>
    public async Task<DecisionSnapshot> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var cursor = await db.Decisions.MaxAsync(d => (long?)d.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
        var now = _time.GetUtcNow();
        var active = await db.Decisions.AsNoTracking()
            .Where(d => d.RevokedAt == null && (d.ExpiresAt == null || d.ExpiresAt > now))
            .OrderBy(d => d.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DecisionSnapshot(active, cursor, now);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static async Task<long> NextSequenceAsync(HarisDbContext db, CancellationToken cancellationToken) =>
        (await db.Decisions.MaxAsync(d => (long?)d.Sequence, cancellationToken).ConfigureAwait(false) ?? 0) + 1;
}
