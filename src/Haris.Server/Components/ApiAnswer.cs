using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Haris.Server.Components;

/// <summary>
/// What an API handler answered, for pages that call the handlers in-process so that the UI and the REST API share one
/// set of rules (validation, venue limits, audit entries, live updates).
/// </summary>
/// <typeparam name="T">The value of a successful answer.</typeparam>
public readonly record struct ApiAnswer<T>(T? Value, string? Problem)
{
    /// <summary>Whether the handler answered with a value.</summary>
    public bool Succeeded => Problem is null;

    /// <summary>Reads a handler's typed result: its value, or the <c>detail</c> of its problem.</summary>
    public static ApiAnswer<T> From(IResult result) => result switch
    {
        IValueHttpResult<T> { Value: var value } => new(value, null),
        ProblemHttpResult problem => new(default, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "refused"),
        _ => new(default, "unexpected answer " + result.GetType().Name),
    };
}

/// <summary>Shorthands for <see cref="ApiAnswer{T}"/>.</summary>
public static class ApiAnswer
{
    /// <summary>Reads an <c>Ok</c>-or-problem handler result.</summary>
    public static ApiAnswer<T> Read<T>(Results<Ok<T>, ProblemHttpResult> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ApiAnswer<T>.From(result.Result);
    }

    /// <summary>Reads a <c>Created</c>-or-problem handler result.</summary>
    public static ApiAnswer<T> Read<T>(Results<Created<T>, ProblemHttpResult> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ApiAnswer<T>.From(result.Result);
    }
}
