using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haris.Storage.Tests;

public sealed class StorageInitializerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_FreshDirectory_CreatesDatabaseInWalMode()
    {
        var root = TestDatabase.NewRoot();
        try
        {
            var options = new StorageOptions { DataDirectory = Path.Combine(root, "nested", "data") };
            var contexts = new PooledDbContextFactory<HarisDbContext>(HarisStorage.CreateOptions(options));

            await new StorageInitializer(contexts, NullLogger<StorageInitializer>.Instance).MigrateAsync(Token);

            Assert.True(File.Exists(Path.Combine(root, "nested", "data", "haris.db")));
            await using var connection = new SqliteConnection($"Data Source={options.SqliteDatabasePath}");
            await connection.OpenAsync(Token);
            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        }
        finally
        {
            TestDatabase.DeleteRoot(root);
        }
    }

    [Fact]
    public async Task Migrate_ConnectionsTheStoreOpens_EnforceForeignKeysAndWaitForWriters()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync(Token);
        var connection = db.Database.GetDbConnection();

        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        Assert.Equal((long)SqliteConnectionSetup.BusyTimeoutMilliseconds, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Migrate_SecondRun_HasNothingPending()
    {
        await using var database = await TestDatabase.CreateAsync();

        await database.Initializer().MigrateAsync(Token);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(Token));
    }

    [Fact]
    public async Task Migrations_Sqlite_MatchTheModel()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Migrations_PostgreSql_MatchTheModel()
    {
        using var db = CreatePostgreSqlContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgreSqlMigrations_GenerateScript_CreatesEveryTableWithoutAServer()
    {
        using var db = CreatePostgreSqlContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var table in new[] { "alerts", "incidents", "incident_timeline", "incident_alerts", "observables", "decisions", "allowlist", "users", "roles", "user_venues", "api_keys", "audit_log" })
        {
            Assert.Contains($"CREATE TABLE {table} (", script, StringComparison.Ordinal);
        }

        // Times are real timestamps on PostgreSQL; only SQLite needs them as sortable text.
        Assert.Contains("timestamp timestamp with time zone NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_Sqlite_StoresEveryTimeAsSortableUtcText()
    {
        using var db = new HarisDbContext(HarisStorage.CreateOptions(new StorageOptions { ConnectionString = "Data Source=:memory:" }));

        var times = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?))
            .ToList();

        Assert.NotEmpty(times);
        Assert.All(times, p => Assert.Equal(typeof(DateTime), p.GetTypeMapping().Converter?.ProviderClrType));
    }

    private static HarisDbContext CreatePostgreSqlContext() => new(HarisStorage.CreateOptions(
        new StorageOptions { Provider = StorageOptions.PostgreSql, ConnectionString = "Host=localhost;Database=haris" }));

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Token);
    }
}
