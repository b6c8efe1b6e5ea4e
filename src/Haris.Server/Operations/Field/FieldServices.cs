using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Operations.Field;

/// <summary>Registers the services of the operations room's field incidents, their procedures, unit dispatch and escalation.</summary>
public static class FieldServices
{
    /// <summary>Adds the escalation of unacknowledged critical incidents, with its options (<c>Incidents:Escalation</c>).</summary>
    public static WebApplicationBuilder AddHarisFieldOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IncidentEscalation>();
        services.AddHostedService(provider => provider.GetRequiredService<IncidentEscalation>());
        return builder;
    }
}
