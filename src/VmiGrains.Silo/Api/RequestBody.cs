using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Reads request bodies within <see cref="ApiOptions.MaxRequestBodyBytes"/> (refused up front by
/// Content-Length, and counted while reading when the body is chunked) and turns JSON syntax and
/// type errors into <see cref="InvalidRequestException"/> naming the JSON path.
/// </summary>
internal static class RequestBody
{
    public static async Task<string> ReadTextAsync(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            throw new RequestTooLargeException(limit, request.ContentLength);
        }

        if (request.ContentType is { Length: > 0 } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException(new ValidationError("Content-Type", "must be application/json", $"\"{type}\"", "send the body as JSON with 'Content-Type: application/json'"));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new RequestTooLargeException(limit, null);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new InvalidRequestException(new ValidationError("$", "the request body is empty", null, "send a JSON document"));
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestException(new ValidationError("$", "the body is not valid UTF-8", null, "send JSON encoded as UTF-8"));
        }
    }

    public static async Task<T> ReadJsonAsync<T>(HttpContext context)
        where T : class
    {
        var text = await ReadTextAsync(context);
        try
        {
            return JsonSerializer.Deserialize<T>(text, ApiJson.Requests)
                ?? throw new InvalidRequestException(new ValidationError("$", "must be a JSON object", "null", "send an object such as {}"));
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(new ValidationError(ex.Path ?? "$", Describe(ex), null, "see the request schema in /api/v1/openapi.json"));
        }
    }

    /// <summary>System.Text.Json's message without its trailing "Path: … | LineNumber: …" part, which the path already says.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
