using Haris.Server.Security;
using Haris.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Api;

/// <summary><c>GET /health</c>: whether the server and its database answer, for load balancers and probes (no sign-in).</summary>
public static class HealthApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", CheckAsync).AllowEveryone().WithTags("Health");
        return routes;
    }

    /// <summary>The health report: <c>ok</c> or <c>failing</c>, and the state of each part.</summary>
    public sealed record HealthReport(string Status, string Database);

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return TypedResults.Ok(new HealthReport("ok", "ok"));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reason goes to the log, not to an unauthenticated caller.
        }

        return TypedResults.Json(new HealthReport("failing", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
