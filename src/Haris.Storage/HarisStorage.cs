using Haris.Storage.Alerts;
using Haris.Storage.ApiKeys;
using Haris.Storage.Audit;
using Haris.Storage.Decisions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Haris.Storage;

/// <summary>Registers the store with a host and configures the database provider.</summary>
public static class HarisStorage
{
    /// <summary>The assembly holding the SQLite migrations.</summary>
    public const string SqliteMigrationsAssembly = "Haris.Storage.Sqlite";

    /// <summary>The assembly holding the PostgreSQL migrations.</summary>
    public const string PostgreSqlMigrationsAssembly = "Haris.Storage.PostgreSql";

    /// <summary>
    /// Binds <see cref="StorageOptions"/> from the <c>Storage</c> section and registers the context factory (pooled), a
    /// scoped context for ASP.NET Core Identity's stores, <see cref="StorageInitializer"/>, <see cref="AuditLog"/>,
    /// <see cref="ApiKeyService"/>, <see cref="DecisionStore"/>, <see cref="AlertStore"/>, and
    /// <see cref="TimeProvider.System"/> unless a clock is registered already.
    /// </summary>
    /// <remarks>
    /// The migrations live in <c>Haris.Storage.Sqlite</c> and <c>Haris.Storage.PostgreSql</c>, which depend on this
    /// assembly; the host must reference both so the configured provider finds its migrations.
    /// </remarks>
    public static IHostApplicationBuilder AddHarisStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<HarisDbContext>(
            (provider, options) => Configure(options, provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<HarisDbContext>>().CreateDbContext());
        services.TryAddSingleton<StorageInitializer>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<ApiKeyService>();
        services.TryAddSingleton<DecisionStore>();
        services.TryAddSingleton<AlertStore>();
        return builder;
    }

    /// <summary>Points <paramref name="builder"/> at the database <paramref name="options"/> describe, with that provider's migrations.</summary>
    /// <remarks>For SQLite the data directory is created here, so the first connection can create the file.</remarks>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsPostgreSql)
        {
            return builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
        }

        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var path = options.SqliteDatabasePath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                ForeignKeys = true,
            }.ToString();
        }

        return builder
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(SqliteConnectionSetup.Instance);
    }

    /// <summary>Context options for <paramref name="options"/>, for tools and tests that build a context without a host.</summary>
    public static DbContextOptions<HarisDbContext> CreateOptions(StorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<HarisDbContext>();
        Configure(builder, options);
        return builder.Options;
    }
}
