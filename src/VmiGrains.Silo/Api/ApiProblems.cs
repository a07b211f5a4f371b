using Microsoft.AspNetCore.Mvc;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>
/// RFC 9457 problem details with an <c>errors</c> array: each entry has <c>path</c>, <c>message</c>,
/// <c>value</c> and <c>fix</c>, the same fields the CLI prints as <c>PATH: MESSAGE (got VALUE); FIX</c>.
/// </summary>
internal static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    /// <summary>A problem whose <c>detail</c> joins the errors' one-line forms.</summary>
    public static ProblemDetails Create(HttpContext context, int status, string title, IReadOnlyList<ValidationError> errors)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{TypeSuffix(status)}",
            Detail = errors.Count == 0 ? null : string.Join("\n", errors.Select(e => e.ToString())),
            Instance = context.Request.Path,
        };
        problem.Extensions["errors"] = errors.Select(e => new ErrorEntry(e.Path, e.Message, e.Value, e.Fix)).ToList();
        problem.Extensions["trace_id"] = context.TraceIdentifier;
        return problem;
    }

    public static IResult Result(HttpContext context, int status, string title, IReadOnlyList<ValidationError> errors) =>
        TypedResults.Problem(Create(context, status, title, errors));

    public static Task WriteAsync(HttpContext context, int status, string title, IReadOnlyList<ValidationError> errors)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(context, status, title, errors), ApiJson.Options, ContentType);
    }

    private static int TypeSuffix(int status) => status switch
    {
        400 => 1,
        401 => 2,
        403 => 4,
        404 => 5,
        409 => 10,
        413 => 14,
        414 => 15,
        415 => 16,
        431 => 1, // RFC 6585 section 5, not in RFC 9110

        503 => 4,
        504 => 5,
        _ => 1,
    };

    /// <summary>One entry of the <c>errors</c> array.</summary>
    internal sealed record ErrorEntry(string Path, string Message, string? Value, string? Fix);
}
