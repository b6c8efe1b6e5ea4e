using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Haris.Server.Api;

/// <summary>RFC 9457 problem responses with a plain-language detail: what was wrong, and where.</summary>
public static class Problems
{
    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult BadRequest(string detail) => Make(StatusCodes.Status400BadRequest, "Bad request", detail);

    /// <summary>401 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Unauthorized(string detail) => Make(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>403 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Forbidden(string detail) => Make(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>404 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult NotFound(string detail) => Make(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>409 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Conflict(string detail) => Make(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>413 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult TooLarge(string detail) => Make(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);

    private static ProblemHttpResult Make(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
