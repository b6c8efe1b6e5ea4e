using Haris.Core.Security;
using Haris.Storage.Audit;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Storage.Tests;

public sealed class HarisStorageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void AddHarisStorage_NothingConfigured_UsesSqliteInDataFolder()
    {
        using var host = Build(new Dictionary<string, string?>());

        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(StorageOptions.Sqlite, options.Provider);
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "haris.db")), options.SqliteDatabasePath);
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddHarisStorage_PostgreSqlWithoutConnectionString_FailsValidation()
    {
        using var host = Build(new Dictionary<string, string?> { ["Storage:Provider"] = "postgresql" });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHarisStorage_UnknownProvider_FailsValidation()
    {
        using var host = Build(new Dictionary<string, string?> { ["Storage:Provider"] = "mysql" });

        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
    }

    [Fact]
    public void AddHarisStorage_ClockRegisteredFirst_IsKept()
    {
        var clock = new FakeTimeProvider();
        using var host = Build(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(clock));

        Assert.Same(clock, host.Services.GetRequiredService<TimeProvider>());
    }

    // Identity shapes its tables by the schema version the host registers; the migrations must fit both the default
    // and version 2, or the first Migrate after a host change would find a model the migrations do not describe.
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task AddHarisStorage_WithIdentity_MigratesAndCreatesEachRoleOnce(int schemaVersion)
    {
        var root = TestDatabase.NewRoot();
        try
        {
            using var host = Build(
                new Dictionary<string, string?> { ["Storage:DataDirectory"] = root },
                services => services
                    .AddIdentityCore<HarisUser>(o => o.Stores.SchemaVersion = new Version(schemaVersion, 0))
                    .AddRoles<HarisRole>()
                    .AddEntityFrameworkStores<HarisDbContext>());
            await host.Services.GetRequiredService<StorageInitializer>().MigrateAsync(Token);

            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HarisDbContext>();
            Assert.False(db.Database.HasPendingModelChanges());
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<HarisRole>>();
            Assert.Equal(Roles.All.Count, await roles.EnsureRolesAsync());
            Assert.Equal(0, await roles.EnsureRolesAsync());
            Assert.Equal(Roles.All.Order(StringComparer.Ordinal), await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(Token));

            var audit = host.Services.GetRequiredService<AuditLog>();
            await audit.AppendAsync("admin", "role.ensure", "role", null, cancellationToken: Token);
            Assert.True((await audit.VerifyAsync(Token)).IsIntact);
        }
        finally
        {
            TestDatabase.DeleteRoot(root);
        }
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure?.Invoke(builder.Services);
        builder.AddHarisStorage();
        return builder.Build();
    }
}
