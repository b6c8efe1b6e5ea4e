using Microsoft.AspNetCore.Routing;

namespace Haris.Server.Api;

/// <summary>The endpoints of the operations room's turnstile scans, ticket imports and revocations, occupancy and crowd alerts.</summary>
public static class ScansApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapScansApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes;
    }
}
