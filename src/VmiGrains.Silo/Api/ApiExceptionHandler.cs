using Microsoft.AspNetCore.Diagnostics;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Turns the cluster's exceptions into problem+json with the same errors the CLI prints:
/// invalid input 400, a grain's own scope check 403, unknown resource 404, oversize body 413, an etag conflict in storage or a
/// rollout of the profile still running 409, a host,
/// the grain storage or the cluster not answering 503 (with Retry-After) — each naming which and why —,
/// anything else 500 without internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, errors) = exception switch
        {
            ProfileValidationException p => (400, "Invalid profile", p.Errors),
            InvalidRequestException r when r.Errors.Any(e => RolloutRunning.RolloutOf(e) is not null) => (409, "Rollout running", r.Errors),
            InvalidRequestException r => (400, "Invalid request", r.Errors),
            ResourceNotFoundException n => (404, "Not found", n.Errors),
            Abstractions.Security.AccessDeniedException d => (403, "Forbidden", [new ValidationError("scope", d.Message, null, null)]),
            RequestTooLargeException t => (413, "Request body too large",
                [new ValidationError("body", $"is larger than the limit of {t.Limit} bytes", t.Length is { } l ? $"{l} bytes" : "more", $"send less per request (split feedback into batches), or raise {ApiOptions.SectionName}:MaxRequestBodyBytes")]),
            BadHttpRequestException { StatusCode: 413 } => (413, "Request body too large",
                [new ValidationError("body", "is larger than the server's limit", null, $"send less per request, or raise {ApiOptions.SectionName}:MaxRequestBodyBytes")]),
            BadHttpRequestException b when UnboundParameter(b.Message) is { } unbound => (400, "Invalid request", [unbound]),
            BadHttpRequestException b => (b.StatusCode, "Bad request", [new ValidationError("request", b.Message.TrimEnd('.'), null, "check the URL, query and body against /api/v1/openapi.json")]),
            HypervisorUnavailableException h => (503, "Host unavailable", [new ValidationError("host", h.Message, $"\"{h.Host}\"", null)]),
            StateStorageException { Conflict: true } c => (409, "Storage conflict", [new ValidationError("storage", c.Message, Quote(c.Provider), "retry the request")]),
            StateStorageException st => (503, "Storage unavailable", [new ValidationError("storage", st.Message, Quote(st.Provider), "check the storage named here (connection string, account, network); /readyz shows each storage's state")]),
            OrleansException o when StorageFailure.From(o) is { } failure => (503, "Storage unavailable",
                [new ValidationError("storage", failure.ToString(), Quote(failure.Provider), "check the storage named here (connection string, account, network); /readyz shows each storage's state; retry")]),
            TimeoutException or OrleansException => (503, "Cluster unavailable",
                [new ValidationError("cluster", "the cluster did not answer in time", null, "retry; check 'vmi host list' and the silos' logs")]),
            _ => (500, "Internal error", (IReadOnlyList<ValidationError>)[new ValidationError("server", "an unexpected error occurred", null, $"retry; if it persists, report trace id {httpContext.TraceIdentifier} from the silo's log")]),
        };

        if (status >= 500)
        {
            LogFailed(httpContext.Request.Method, httpContext.Request.Path, status, exception);
        }

        UnreadBody.CloseIfUnread(httpContext);
        if (status == 503)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        await ApiProblems.WriteAsync(httpContext, status, title, errors);
        return true;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>
    /// ASP.NET Core's binding failure of a query or route value (<c>Failed to bind parameter "int? version" from "abc".</c>)
    /// as an error naming the parameter, its value and what it takes; null for any other bad request.
    /// </summary>
    internal static ValidationError? UnboundParameter(string message)
    {
        var m = UnboundPattern().Match(message);
        if (!m.Success)
        {
            return null;
        }

        var name = m.Groups["name"].Value;
        var type = m.Groups["type"].Value.TrimEnd('?');
        if (type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>'))
        {
            type = type["Nullable<".Length..^1];
        }

        var (takes, example) = type switch
        {
            "int" or "Int32" or "long" or "Int64" => ("a whole number", "2"),
            "bool" or "Boolean" => ("true or false", "true"),
            "double" or "Double" => ("a number", "0.5"),
            var other => ($"a {other}", null),
        };
        return new ValidationError(name, $"must be {takes}", Quote(m.Groups["value"].Value), example is null ? "see /api/v1/openapi.json" : $"e.g. ?{name}={example}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "(?<type>[^" ]+) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$""")]
    private static partial System.Text.RegularExpressions.Regex UnboundPattern();

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private partial void LogFailed(string method, string path, int status, Exception exception);
}
