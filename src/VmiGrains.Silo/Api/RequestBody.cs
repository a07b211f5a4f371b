using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Json;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Reads request bodies within <see cref="ApiOptions.MaxRequestBodyBytes"/> (refused up front by
/// Content-Length, and counted while reading when the body is chunked), decodes them with the one strict decoder (<see cref="StrictJson"/>, shared with the CLI), and turns JSON syntax, Unicode and
/// type errors into <see cref="InvalidRequestException"/> naming the JSON path.
/// </summary>
internal static partial class RequestBody
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

        UnreadBody.MarkRead(context);
        if (buffer.Length == 0)
        {
            throw new InvalidRequestException(new ValidationError("$", "the request body is empty", null, "send a JSON document"));
        }

        return StrictJson.TryDecode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var error) ?? throw new InvalidRequestException(error!);
    }

    public static async Task<T> ReadJsonAsync<T>(HttpContext context)
        where T : class
    {
        var text = await ReadTextAsync(context);
        using var document = StrictJson.TryParse(text, default, out var errors) ?? throw new InvalidRequestException(errors);
        try
        {
            return document.Deserialize<T>(ApiJson.Requests)
                ?? throw new InvalidRequestException(new ValidationError("$", "must be a JSON object", "null", "send an object such as {}"));
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(Describe(ex));
        }
    }

    /// <summary>System.Text.Json's error in the API's words: the path, what is wrong, and the fix, without .NET type names.</summary>
    internal static ValidationError Describe(JsonException ex)
    {
        const string schema = "see the request schema in /api/v1/openapi.json";
        var path = ex.Path ?? "$";
        var message = ex.Message;
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups[1].Value;
            return new ValidationError(path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}", "unknown field", $"\"{name}\"", $"remove it or correct its spelling; {schema}");
        }

        if (Missing().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Replace("'", string.Empty, StringComparison.Ordinal);
            return new ValidationError($"{path}.{names.Split(',')[0].Trim()}", "is required", null, $"add \"{names}\"");
        }

        if (Converted().Match(message) is { Success: true } converted)
        {
            var expected = converted.Groups[1].Value switch
            {
                var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Int", StringComparison.Ordinal) => "a number",
                var t when t.Contains("DateTimeOffset", StringComparison.Ordinal) => "an ISO 8601 time such as 2026-01-01T10:30:00Z",
                var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
                var t when t.Contains("String", StringComparison.Ordinal) => "a string",
                var t when t.Contains("List", StringComparison.Ordinal) || t.Contains("[]", StringComparison.Ordinal) => "an array",
                _ => "an object",
            };
            return new ValidationError(path, $"must be {expected}", null, schema);
        }

        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return new ValidationError(path, $"is not valid JSON: {(cut > 0 ? message[..cut] : message).TrimEnd('.')}", null, "send a well-formed JSON document");
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex Missing();

    [GeneratedRegex("could not be converted to ([^ .]+(?:\\.[^ .]+)*)")]
    private static partial Regex Converted();
}
