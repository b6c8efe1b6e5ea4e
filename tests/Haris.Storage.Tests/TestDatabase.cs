using Haris.Storage.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Storage.Tests;

/// <summary>A migrated SQLite database in a fresh temporary folder, removed on dispose.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>A match-day afternoon; a whole number of seconds so expected values are easy to write.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 11, 15, 0, 0, TimeSpan.Zero);

    private TestDatabase(string root)
    {
        Root = root;
        Options = new StorageOptions { DataDirectory = Path.Combine(root, "data") };
        Contexts = new PooledDbContextFactory<HarisDbContext>(HarisStorage.CreateOptions(Options));
    }

    public string Root { get; }

    public StorageOptions Options { get; }

    public IDbContextFactory<HarisDbContext> Contexts { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public static string NewRoot() => Path.Combine(Path.GetTempPath(), "haris-storage-tests-" + Guid.NewGuid().ToString("N"));

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase(NewRoot());
        await database.Initializer().MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public StorageInitializer Initializer() => new(Contexts, NullLogger<StorageInitializer>.Instance);

    public AuditLog AuditLog() => new(Contexts, Time, NullLogger<AuditLog>.Instance);

    public HarisDbContext CreateContext() => Contexts.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        // Pooled connections keep the files open; close them so the folder can go.
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        DeleteRoot(Root);
    }

    public static void DeleteRoot(string root)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
