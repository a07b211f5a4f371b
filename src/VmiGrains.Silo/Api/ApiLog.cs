namespace VmiGrains.Silo.Api;

/// <summary>Log messages of the web surfaces.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "No API tokens are configured ({Section}:ReadTokens / :WriteTokens): the REST API, dashboard and /metrics on {Url} accept anonymous reads and writes. This is allowed on loopback only; configure tokens before exposing the silo.")]
    public static partial void AnonymousApi(ILogger logger, string section, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "REST API on {Url}/api/v1 (OpenAPI {Url}/api/v1/openapi.json), fleet page {Url}/fleet, Orleans dashboard {Url}/dashboard, metrics {Url}/metrics")]
    public static partial void Surfaces(ILogger logger, string url);
}
