using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Operations.Accreditation;

/// <summary>Registers the services of the operations room's accreditation lists, checkpoint scans and their alerts.</summary>
public static class AccreditationServices
{
    /// <summary>Adds <see cref="LiveAccreditation"/>, loaded from the database when the host starts.</summary>
    public static WebApplicationBuilder AddHarisAccreditation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<LiveAccreditation>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LiveAccreditation>());
        return builder;
    }
}
