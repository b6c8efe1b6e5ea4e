using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Haris.Storage;

/// <summary>Brings the database to the current schema at startup.</summary>
public sealed class StorageInitializer(IDbContextFactory<HarisDbContext> contexts, ILogger<StorageInitializer> logger)
{
    /// <summary>Applies pending migrations from the provider's migrations assembly; on SQLite first switches the file to WAL.</summary>
    /// <remarks>
    /// WAL lets the API read while ingest writes. <c>synchronous</c> stays at SQLite's default (<c>FULL</c>): every
    /// commit reaches the disk, which the audit log and decisions need more than write speed.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The host does not reference the provider's migrations assembly.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var provider = db.Database.IsSqlite() ? StorageOptions.Sqlite : StorageOptions.PostgreSql;

        // Without this check a missing migrations assembly would "migrate" by doing nothing, and fail on first use.
        if (!db.Database.GetMigrations().Any())
        {
            var assembly = db.Database.IsSqlite() ? HarisStorage.SqliteMigrationsAssembly : HarisStorage.PostgreSqlMigrationsAssembly;
            throw new InvalidOperationException($"No migrations found for {provider}: the host must reference {assembly}.");
        }

        if (db.Database.IsSqlite())
        {
            await EnableWalAsync(db, cancellationToken).ConfigureAwait(false);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
        if (pending == 0)
        {
            Log.DatabaseUpToDate(logger, provider);
            return;
        }

        Log.ApplyingMigrations(logger, pending, provider);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnableWalAsync(HarisDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                Log.NotInWalMode(logger, mode);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
