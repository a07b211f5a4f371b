using System.Collections.Frozen;
using System.Security.Cryptography;

namespace VmiGrains.Silo.Dashboard;

/// <summary>Serves the fleet page's files, embedded in the assembly (no CDN, no files to deploy beside the silo).</summary>
internal static class FleetPage
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Body, string ETag)> Files = Load();

    public static void Map(WebApplication app, string path)
    {
        // The silo's root is the first URL a person opens: it leads to the fleet page.
        app.MapGet("/", () => Results.Redirect($"{path}/")).ExcludeFromDescription();

        // Routing matches "/fleet" and "/fleet/" alike; the page's relative links need the slash.
        app.MapGet($"{path}/{{file?}}", (string? file, HttpContext context) =>
                file is null && context.Request.Path.Value?.EndsWith('/') != true ? Results.Redirect($"{path}/") : Serve(file ?? "index.html", context))
            .ExcludeFromDescription();
    }

    private static IResult Serve(string file, HttpContext context)
    {
        if (!Files.TryGetValue(file, out var entry))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        return context.Request.Headers.IfNoneMatch == entry.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(entry.Body, entry.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(entry.ETag));
    }

    private static FrozenDictionary<string, (string, byte[], string)> Load()
    {
        const string prefix = "VmiGrains.Silo.Fleet.";
        var assembly = typeof(FleetPage).Assembly;
        var files = new Dictionary<string, (string, byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var body = copy.ToArray();
            var file = name[prefix.Length..];
            var type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[file] = (type, body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
