using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Haris.Storage;

/// <summary>Sets the per-connection SQLite settings on every connection EF Core opens.</summary>
/// <remarks>
/// <c>busy_timeout</c> belongs to a connection, not the file, so it is set on each open: with it a writer that finds
/// another one mid-transaction waits inside SQLite instead of failing with "database is locked". WAL, which does
/// belong to the file, is set once by <see cref="StorageInitializer"/>. Foreign keys are switched on by EF Core.
/// </remarks>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    /// <summary>How long a connection waits for another writer, in milliseconds.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private static readonly string s_pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = s_pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = s_pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
