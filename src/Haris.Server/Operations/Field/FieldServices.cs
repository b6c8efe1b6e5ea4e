using Microsoft.AspNetCore.Builder;

namespace Haris.Server.Operations.Field;

/// <summary>Registers the services of the operations room's field incidents, their procedures, unit dispatch and escalation.</summary>
public static class FieldServices
{
    /// <summary>Adds the services.</summary>
    public static WebApplicationBuilder AddHarisFieldOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
