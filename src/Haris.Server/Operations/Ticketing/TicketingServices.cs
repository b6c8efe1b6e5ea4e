using Microsoft.AspNetCore.Builder;

namespace Haris.Server.Operations.Ticketing;

/// <summary>Registers the services of the operations room's turnstile scans, ticket imports and revocations, occupancy and crowd alerts.</summary>
public static class TicketingServices
{
    /// <summary>Adds the services.</summary>
    public static WebApplicationBuilder AddHarisTicketing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
