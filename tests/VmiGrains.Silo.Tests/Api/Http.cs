using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>Small helpers for JSON requests and problem+json answers.</summary>
internal static class Http
{
    public static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> and returns its <c>errors</c>' paths.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").GetArrayLength() > 0, $"no errors in {body}");
        return problem;
    }

    public static IEnumerable<string> Paths(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!);
}
