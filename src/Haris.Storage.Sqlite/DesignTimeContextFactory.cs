using Microsoft.EntityFrameworkCore.Design;

namespace Haris.Storage.Sqlite;

/// <summary>Builds the context for <c>dotnet ef</c> on SQLite, with the same configuration the host uses.</summary>
/// <remarks>Adding a migration builds the model only; the file named here is never opened.</remarks>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HarisDbContext>
{
    public HarisDbContext CreateDbContext(string[] args) =>
        new(HarisStorage.CreateOptions(new StorageOptions { Provider = StorageOptions.Sqlite, ConnectionString = "Data Source=design-time.db" }));
}
