using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Haris.Server.Pipeline;

/// <summary>Registers what changes incidents outside a request: the journal every change goes through, and the automatic rules.</summary>
public static class IncidentRegistration
{
    /// <summary>Adds the incident journal and the automation, with its options (<c>Incidents:Automation</c>).</summary>
    public static IHostApplicationBuilder AddHarisIncidents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<IncidentAutomationOptions>().BindConfiguration(IncidentAutomationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IncidentJournal>();
        services.AddSingleton<IncidentAutomation>();
        services.AddHostedService(provider => provider.GetRequiredService<IncidentAutomation>());
        return builder;
    }
}
