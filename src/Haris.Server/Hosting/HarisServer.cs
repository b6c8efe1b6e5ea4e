using System.Text.Json;
using System.Text.Json.Serialization;
using Haris.Core.Security;
using Haris.Server.Api;
using Haris.Server.Components;
using Haris.Server.Monitoring;
using Haris.Server.Operations;
using Haris.Server.Operations.Accreditation;
using Haris.Server.Operations.Field;
using Haris.Server.Operations.Ticketing;
using Haris.Server.Pipeline;
using Haris.Server.Security;
using Haris.Storage;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Haris.Server.Hosting;

/// <summary>Builds and runs the command center server: storage, authentication, live ingest and the API.</summary>
public static class HarisServer
{
    /// <summary>The prefix of environment variables that override <c>haris.yaml</c>: <c>HARIS__STORAGE__DATADIRECTORY</c>.</summary>
    public const string EnvironmentPrefix = "HARIS__";

    /// <summary>The configuration file read from the working directory when none is named.</summary>
    public const string DefaultConfigFile = "haris.yaml";

    /// <summary>Builds the application: configuration (file, then environment, then <paramref name="settings"/>), services and routes.</summary>
    /// <exception cref="ServerConfigurationException">The configuration is missing, malformed or invalid.</exception>
    public static WebApplication Build(ServeSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
        });

        AddConfiguration(builder.Configuration, settings);
        var server = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        builder.WebHost.UseUrls(server.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
        });

        // EF Core logs every command at Information; an operations server logs what operators act on.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The session cookie's keys live with the data, so restarts keep people signed in. There is no machine-wide key
        // store to encrypt them with on Linux; the data directory's permissions protect them, as they protect haris.db.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddDataProtection()
            .SetApplicationName("haris")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(storage.DataDirectory), "keys")));

        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        AddClock(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.AddHarisStorage();
        builder.AddHarisAuthentication();
        builder.AddHarisPipeline();
        builder.Services.AddOptions<TournamentOptions>().BindConfiguration(TournamentOptions.SectionName);
        builder.Services.AddSingleton<TournamentCatalog>();
        builder.AddHarisIncidents();
        builder.AddHarisTicketing();
        builder.AddHarisAccreditation();
        builder.AddHarisFieldOperations();
        builder.AddHarisUi();
        configure?.Invoke(builder);

        var app = builder.Build();
        var metrics = PipelineMetrics.CreateRegistry(app.Services);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHarisUiAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.UseHttpMetrics(options => options.SetMetricFactory(Metrics.WithCustomRegistry(metrics)));

        app.MapOpenApi("/openapi/v1.json").AllowEveryone();
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapIngestApi();
        app.MapAlertsApi();
        app.MapVenuesApi();
        app.MapIncidentsApi();
        app.MapDecisionsApi();
        app.MapAllowlistApi();
        app.MapStatisticsApi();
        app.MapRulesApi();
        app.MapScansApi();
        app.MapAccreditationApi();
        app.MapFieldOperationsApi();
        app.MapHarisUi();
        app.MapMetrics("/metrics", metrics).RequireRoles(Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Sensor);
        return app;
    }

    /// <summary>Brings the database up to date and creates the roles; runs before the server accepts requests.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A tournament that does not load stops the server here, not at the first request that needs it.
        _ = app.Services.GetRequiredService<TournamentCatalog>();
        await app.Services.GetRequiredService<StorageInitializer>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoleManager<HarisRole>>().EnsureRolesAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The data directory the server would use with <paramref name="settings"/>: the command line, else
    /// <c>HARIS__STORAGE__DATADIRECTORY</c>, else <c>Storage:DataDirectory</c> in <c>haris.yaml</c>, else <c>./data</c>.
    /// </summary>
    /// <remarks>For offline commands that keep files beside the server's (the ticket signing keys), without building the server.</remarks>
    /// <exception cref="ServerConfigurationException">The configuration file is missing or malformed.</exception>
    public static string ResolveDataDirectory(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var configuration = new ConfigurationManager();
        AddConfiguration(configuration, settings);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        return storage.DataDirectory;
    }

    private static void AddClock(WebApplicationBuilder builder)
    {
        ClockOptions clock;
        try
        {
            clock = builder.Configuration.GetSection(ClockOptions.SectionName).Get<ClockOptions>() ?? new ClockOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new ServerConfigurationException($"Clock: {ex.InnerException?.Message ?? ex.Message}");
        }

        if (clock.Start is not { } start)
        {
            return;
        }

        if (clock.Speed is < 1 or > 3600 || double.IsNaN(clock.Speed))
        {
            throw new ServerConfigurationException($"Clock:Speed must be between 1 and 3600, not {clock.Speed}");
        }

        // Registered before storage's default (the real clock), which only adds one when none is there.
        builder.Services.AddSingleton<TimeProvider>(new ExerciseClock(start, clock.Speed));
    }

    private static void AddConfiguration(ConfigurationManager configuration, ServeSettings settings)
    {
        // Only what Haris documents: haris.yaml, then HARIS__ variables, then the command line.
        configuration.Sources.Clear();
        var file = settings.ConfigFile ?? (File.Exists(DefaultConfigFile) ? DefaultConfigFile : null);
        if (file is not null)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new ServerConfigurationException($"configuration file '{file}' not found");
            }

            try
            {
                configuration.AddYamlFile(path, optional: false, reloadOnChange: false);
            }
            catch (Exception ex) when (ex is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
            {
                throw new ServerConfigurationException($"{file}: {ex.Message}");
            }
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        var overrides = new Dictionary<string, string?>();
        if (settings.DataDirectory is { } data)
        {
            overrides[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = data;
        }

        if (settings.Urls is { } urls)
        {
            overrides[$"{ServerOptions.SectionName}:{nameof(ServerOptions.Urls)}"] = urls;
        }

        configuration.AddInMemoryCollection(overrides);
    }
}
