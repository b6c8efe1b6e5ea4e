using Microsoft.AspNetCore.Builder;

namespace Haris.Server.Operations.Accreditation;

/// <summary>Registers the services of the operations room's accreditation lists, checkpoint scans and their alerts.</summary>
public static class AccreditationServices
{
    /// <summary>Adds the services.</summary>
    public static WebApplicationBuilder AddHarisAccreditation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
