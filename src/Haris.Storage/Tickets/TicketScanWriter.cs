using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Haris.Storage.Tickets;

/// <summary>
/// Writes decided turnstile scans in batches, one transaction per batch, with one prepared insert reused for every row.
/// </summary>
/// <remarks>
/// <para>
/// A stadium's turnstiles decide tens of thousands of scans a minute and each verdict is stored before it is answered,
/// so the write is the hot path of the scan desk: going through the change tracker costs more per row than the insert
/// itself. Columns, conversions and parameter types still come from the EF model, so the rows read back through
/// <see cref="HarisDbContext.TicketScans"/> exactly as if EF had written them, on SQLite and PostgreSQL alike.
/// </para>
/// <para>
/// Ids are given here, from the largest stored, so a batch needs no round trip per row to learn them. One writer per
/// database: the server's scan desk is the only one that inserts scans.
/// </para>
/// </remarks>
public sealed class TicketScanWriter(IDbContextFactory<HarisDbContext> contexts)
{
    private long _lastId = -1;

    /// <summary>Stores <paramref name="scans"/> in one transaction and sets their ids; on failure nothing is stored and the ids stay 0.</summary>
    public async Task WriteAsync(IReadOnlyList<TicketScanRecord> scans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scans);
        if (scans.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (_lastId < 0)
        {
            _lastId = await db.TicketScans.MaxAsync(s => (long?)s.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        }

        var entity = db.Model.FindEntityType(typeof(TicketScanRecord))!;
        var properties = entity.GetProperties().ToList();
        var table = entity.GetTableName()!;
        var sql = db.GetService<ISqlGenerationHelper>();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Concat(
            "INSERT INTO ", sql.DelimitIdentifier(table), " (",
            string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName()))), ") VALUES (",
            string.Join(", ", properties.Select((_, i) => sql.GenerateParameterName("p" + i))), ")");
        var parameters = new DbParameter[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            parameters[i] = properties[i].GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName("p" + i), null, properties[i].IsNullable);
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var id = _lastId;
        var sqlite = db.Database.IsSqlite();
        try
        {
            foreach (var scan in scans)
            {
                scan.Id = ++id;
                for (var i = 0; i < properties.Count; i++)
                {
                    parameters[i].Value = ProviderValue(properties[i], properties[i].GetGetter().GetClrValue(scan));
                }

                // Synchronous on SQLite: its provider has no asynchronous I/O, and an awaited call per row costs more
                // than the insert (the commit below is the only wait on the disk). Elsewhere each row is a round trip.
                if (sqlite)
                {
                    command.ExecuteNonQuery();
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var scan in scans)
            {
                scan.Id = 0;
            }

            // The largest stored id is read again before the next batch: this one may or may not have landed.
            _lastId = -1;
            throw;
        }

        _lastId = id;
    }

    private static object ProviderValue(IProperty property, object? value)
    {
        if (value is null)
        {
            return DBNull.Value;
        }

        var converter = property.GetTypeMapping().Converter;
        return converter is null ? value : converter.ConvertToProvider(value) ?? DBNull.Value;
    }
}
