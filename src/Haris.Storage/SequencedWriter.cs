using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Haris.Storage;

/// <summary>Runs writes that take the next value of a sequence column, one at a time, each in its own transaction.</summary>
/// <remarks>
/// In one process the gate lets one writer read the last value and insert the next. Across processes the database
/// decides. On SQLite a transaction begins with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which takes
/// the write lock before the last value is read, so a writer in another process waits (busy_timeout) meanwhile. On
/// PostgreSQL two writers may read the same last value; the unique index on the sequence makes the second insert
/// fail, and it is run again on a fresh context, where it reads the new last value.
/// </remarks>
internal sealed class SequencedWriter(IDbContextFactory<HarisDbContext> contexts, ILogger logger, string what) : IDisposable
{
    private const int MaxAttempts = 5;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> WriteAsync<T>(Func<HarisDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var result = await write(db, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch (DbUpdateException exception) when (attempt < MaxAttempts)
                {
                    Log.SequenceConflict(logger, exception, what, attempt);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
