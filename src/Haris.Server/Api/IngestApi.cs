using System.Buffers;
using System.Security.Claims;
using Haris.Core.Security;
using Haris.Ingest.Parsing;
using Haris.Ingest.Sources;
using Haris.Server.Pipeline;
using Haris.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Haris.Server.Api;

/// <summary><c>POST /api/v1/ingest/{dataset}</c>: sensors push raw log lines or NDJSON for live detection.</summary>
public static class IngestApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/ingest").WithTags("Ingest");
        group.MapPost("/{dataset}", PushAsync).RequireRoles(Roles.Sensor).DisableAntiforgery();
        group.MapGet("/sources", Sources).RequireRoles(Roles.Admin, Roles.Commander, Roles.CyberAnalyst);
        return routes;
    }

    /// <summary>What was queued: lines accepted for detection, and lines skipped as longer than the limit.</summary>
    public sealed record IngestReceipt(int Accepted, int TooLong);

    internal static async Task<Results<Accepted<IngestReceipt>, ProblemHttpResult>> PushAsync(
        string dataset,
        string? format,
        string? venue,
        HttpContext http,
        ClaimsPrincipal caller,
        IngestPipeline pipeline,
        IOptions<IngestOptions> options)
    {
        if (!TryParseFormat(format, out var logFormat))
        {
            return Problems.BadRequest($"format must be combined, json, syslog or eve (got '{format}')");
        }

        // A sensor key scoped to a venue files everything under it; it may not speak for another venue.
        var scoped = caller.Venues();
        if (scoped.Count > 0)
        {
            if (venue is not null && !scoped.Contains(venue, StringComparer.OrdinalIgnoreCase))
            {
                return Problems.Forbidden($"this key may only send for venue '{scoped[0]}'");
            }

            venue = scoped[0];
        }

        var limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            return Problems.TooLarge($"the body is {http.Request.ContentLength} bytes; at most {limit} are accepted per request");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, (int?)http.Request.ContentLength ?? 64 * 1024) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        return Problems.TooLarge($"the body is over {limit} bytes; send it in smaller requests");
                    }

                    var grown = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }

                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return Problems.TooLarge($"the body is over {limit} bytes; send it in smaller requests");
                }
            }

            PushResult result;
            try
            {
                result = pipeline.Push(dataset, logFormat, venue, buffer.AsSpan(0, length));
            }
            catch (ArgumentException ex)
            {
                return Problems.BadRequest(ex.Message);
            }

            switch (result.Outcome)
            {
                case PushOutcome.Accepted:
                    return TypedResults.Accepted((string?)null, new IngestReceipt(result.LinesAccepted, result.LinesTooLong));
                case PushOutcome.Full:
                    http.Response.Headers.RetryAfter = "1";
                    return TypedResults.Problem(
                        detail: "the detection pipeline is full; nothing from this request was queued, send it again after Retry-After",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests");
                default:
                    return TypedResults.Problem(
                        detail: "the server is starting or stopping; nothing was queued",
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Unavailable");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static Ok<IReadOnlyList<SourceHealth>> Sources(IngestPipeline pipeline) => TypedResults.Ok(pipeline.Health());

    private static bool TryParseFormat(string? text, out LogFormat format)
    {
        format = LogFormat.Json;
        return text is not null
            && Enum.TryParse(text, ignoreCase: true, out format)
            && format is LogFormat.Combined or LogFormat.Json or LogFormat.Syslog or LogFormat.Eve
            && !char.IsDigit(text[0]);
    }
}
