using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haris.Storage.Tests;

public sealed class SequencedWriterTests
{
    // The audit chain and the decision cursor rely on this across processes: while one write reads the last value,
    // no other connection may start writing.
    [Fact]
    public async Task Write_Sqlite_HoldsTheWriteLockFromTheStart()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SequencedWriter(database.Contexts, NullLogger.Instance, "test");

        // The other connection gives up after its one-second timeout; 0 would mean waiting forever.
        var failure = await writer.WriteAsync(
            (_, _) =>
            {
                using var other = new SqliteConnection($"Data Source={database.Options.SqliteDatabasePath};Pooling=False;Default Timeout=1");
                other.Open();
                using var begin = other.CreateCommand();
                begin.CommandText = "BEGIN IMMEDIATE;";
                return Task.FromResult(Record.Exception(() => begin.ExecuteNonQuery()));
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(5, Assert.IsType<SqliteException>(failure).SqliteErrorCode); // SQLITE_BUSY
    }
}
