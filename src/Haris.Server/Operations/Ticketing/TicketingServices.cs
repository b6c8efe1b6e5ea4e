using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Operations.Ticketing;

/// <summary>Registers the services of the operations room's turnstile scans, ticket imports and revocations, occupancy and crowd alerts.</summary>
public static class TicketingServices
{
    /// <summary>Adds the services.</summary>
    public static WebApplicationBuilder AddHarisTicketing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TicketingOptions>().BindConfiguration(TicketingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TicketOffice>();
        builder.Services.AddSingleton<ScanDesk>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScanDesk>());
        builder.Services.AddSingleton<CrowdWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CrowdWatch>());
        return builder;
    }
}
