using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Request-target and header limits answered with a problem+json body like every other refusal. Kestrel's own
/// 414/431 are bare, so its limits are raised to <see cref="KestrelRequestLine"/>/<see cref="KestrelHeaders"/>
/// and these (Kestrel's defaults) are enforced here, before anything else runs; only requests past Kestrel's
/// raised limits still get its bare answer.
/// </summary>
internal static class RequestShapeLimits
{
    public const int MaxRequestTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int KestrelRequestLine = 64 * 1024;
    public const int KestrelHeaders = 128 * 1024;

    public static void Configure(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = KestrelRequestLine;
        kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeaders;
    }

    public static Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        if (target.Length > MaxRequestTargetBytes)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status414UriTooLong, "URI Too Long",
                [new ValidationError("request target", $"must be at most {MaxRequestTargetBytes} bytes", Size(target.Length), "send long input in a JSON body instead of the path or query")]);
        }

        var headers = context.Request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0));
        if (headers > MaxHeaderBytes)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request Header Fields Too Large",
                [new ValidationError("headers", $"must be at most {MaxHeaderBytes} bytes together", Size(headers), "drop large cookies or custom headers")]);
        }

        return next();
    }

    private static string Size(int bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
