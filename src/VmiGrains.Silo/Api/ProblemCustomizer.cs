namespace VmiGrains.Silo.Api;

/// <summary>Gives the framework's own problems (415, 404 of an unknown route, 405) the same <c>errors</c> array as ours.</summary>
internal static class ProblemCustomizer
{
    public static void Customize(ProblemDetailsContext context)
    {
        UnreadBody.CloseIfUnread(context.HttpContext);
        if (context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            return;
        }

        var request = context.HttpContext.Request;
        (string Path, string Message, string? Value, string Fix)? error = context.ProblemDetails.Status switch
        {
            415 => ("Content-Type", "must be application/json", request.ContentType ?? "none", "send the body as JSON with 'Content-Type: application/json'"),
            404 => ("url", "no such endpoint", request.Path.Value, "see /api/v1/openapi.json for the endpoints"),
            405 => ("method", $"{request.Method} is not allowed here", request.Method, "see /api/v1/openapi.json for the methods of this endpoint"),
            _ => null,
        };
        if (error is { } e)
        {
            context.ProblemDetails.Detail ??= $"{e.Path}: {e.Message} (got {e.Value}); {e.Fix}";
            context.ProblemDetails.Extensions["errors"] = new[] { new ApiProblems.ErrorEntry(e.Path, e.Message, e.Value, e.Fix) };
        }
    }
}
