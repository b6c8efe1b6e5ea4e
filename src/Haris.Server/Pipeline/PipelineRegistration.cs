using Haris.Server.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Haris.Server.Pipeline;

/// <summary>Registers live detection: rules, the alert intake, the allowlist, the live feed and the ingest pipeline.</summary>
public static class PipelineRegistration
{
    /// <summary>Adds the pipeline and its options (<c>Ingest</c>, <c>Rules</c>, <c>Alerts</c>, <c>Sources</c>).</summary>
    public static IHostApplicationBuilder AddHarisPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.SectionName);
        services.AddOptions<AlertIntakeOptions>().BindConfiguration(AlertIntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveRules>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<AllowlistCache>();
        services.AddSingleton<AlertIntake>();
        services.AddSingleton<IngestPipeline>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestPipeline>());
        return builder;
    }
}
