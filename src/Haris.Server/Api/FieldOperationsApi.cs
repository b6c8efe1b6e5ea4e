using Microsoft.AspNetCore.Routing;

namespace Haris.Server.Api;

/// <summary>The endpoints of the operations room's field incidents, their procedures, unit dispatch and escalation.</summary>
public static class FieldOperationsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapFieldOperationsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes;
    }
}
