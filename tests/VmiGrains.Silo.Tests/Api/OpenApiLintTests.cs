using System.Text.Json.Nodes;
using VmiGrains.Silo.Api.OpenApi;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>The silo's <c>/api/v1/openapi.json</c>, checked by a linter nobody here wrote and against what the endpoints do.</summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class OpenApiLintTests(ApiSiloFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<string> DocumentAsync()
    {
        using var client = fixture.Silo.Client();
        return await client.GetStringAsync("/api/v1/openapi.json");
    }

    [Fact]
    public async Task OpenApi_RedoclyLint_NoErrorsNoWarnings()
    {
        var (clean, output) = await Redocly.LintAsync(await DocumentAsync());
        Assert.True(clean, $"redocly lint of /api/v1/openapi.json:\n{output}");
    }

    [Fact]
    public async Task OpenApi_Document_OnlyTheApiWithItsRefusalsAndServer()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        Assert.Equal(fixture.Silo.BaseUrl, (string?)document["servers"]![0]!["url"]);
        var paths = document["paths"]!.AsObject();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p.Key, StringComparison.Ordinal));
        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(m => Methods.Contains(m.Key)))
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                var responses = operation!["responses"]!.AsObject();
                Assert.True(responses.ContainsKey("401") && responses.ContainsKey("503"), $"{where}: no 401/503");
                Assert.True(method == "get" || responses.ContainsKey("403"), $"{where} changes something but documents no 403");
                Assert.True(operation["requestBody"] is null || responses.ContainsKey("415"), $"{where} takes a body but documents no 415");
            }
        }

        Assert.Equal("#/components/schemas/AttachRequest", (string?)paths["/api/v1/vms/{vmi}/profile"]!["put"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/Profile", (string?)paths["/api/v1/profiles"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/Profile", (string?)document["components"]!["schemas"]!["ProfileResponse"]!["properties"]!["document"]!["$ref"]);
    }

    [Fact]
    public async Task OpenApi_ProfileComponents_SayWhatDocsProfileSchemaSays()
    {
        var schemas = JsonNode.Parse(await DocumentAsync())!["components"]!["schemas"]!;
        var expected = ProfileSchema.ToComponents(await File.ReadAllTextAsync(RepoPaths.Of("docs", "profile.schema.json")));
        foreach (var (name, json) in expected)
        {
            Assert.True(JsonNode.DeepEquals(Normalized(JsonNode.Parse(json)), Normalized(schemas[name]?.DeepClone())),
                $"component {name} differs from docs/profile.schema.json:\n{schemas[name]?.ToJsonString()}\nexpected\n{json}");
        }
    }

    /// <summary>Sorts <c>type</c> arrays (["string","null"] and ["null","string"] say the same).</summary>
    private static JsonNode? Normalized(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Select(p => p.Key).ToList())
            {
                o[key] = key == "type" && o[key] is JsonArray types
                    ? new JsonArray([.. types.Select(t => (string?)t).Order(StringComparer.Ordinal).Select(t => (JsonNode?)t)])
                    : Normalized(o[key]?.DeepClone());
            }
        }
        else if (node is JsonArray a)
        {
            return new JsonArray([.. a.Select(i => Normalized(i?.DeepClone()))]);
        }

        return node;
    }
}
