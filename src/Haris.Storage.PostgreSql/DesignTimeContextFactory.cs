using Microsoft.EntityFrameworkCore.Design;

namespace Haris.Storage.PostgreSql;

/// <summary>Builds the context for <c>dotnet ef</c> on PostgreSQL, with the same configuration the host uses.</summary>
/// <remarks>Adding a migration or scripting one builds the model only; no server is contacted.</remarks>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HarisDbContext>
{
    public HarisDbContext CreateDbContext(string[] args) =>
        new(HarisStorage.CreateOptions(new StorageOptions { Provider = StorageOptions.PostgreSql, ConnectionString = "Host=localhost;Database=haris" }));
}
