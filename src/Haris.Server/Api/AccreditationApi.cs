using Microsoft.AspNetCore.Routing;

namespace Haris.Server.Api;

/// <summary>The endpoints of the operations room's accreditation lists, checkpoint scans and their alerts.</summary>
public static class AccreditationApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAccreditationApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes;
    }
}
