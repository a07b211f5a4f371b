using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace VmiGrains.Silo.Api.OpenApi;

/// <summary>
/// Adds the profile JSON Schema (<see cref="ProfileSchema"/>) to the document and types the profile bodies with it.
/// In code they are <see cref="JsonElement"/>, because the profile parser reads them (every error at once, with paths),
/// not System.Text.Json; so the request bodies of <see cref="ProfileBodies"/> and <c>ProfileResponse.document</c> get
/// the schema here, and the empty <c>JsonElement</c> schema goes.
/// </summary>
internal sealed class ProfileSchemaTransformer : IOpenApiDocumentTransformer
{
    private static readonly string[] ProfileBodies = ["ApplyProfile", "PutProfile"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (name, json) in ProfileSchema.Components)
        {
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(json, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, OpenApiConstants.Json);
            if (schema is null || diagnostic?.Errors.Count > 0)
            {
                throw new InvalidOperationException($"docs/profile.schema.json ({name}) is not an OpenAPI 3.1 schema: {string.Join("; ", diagnostic?.Errors ?? [])}");
            }

            document.AddComponent(name, schema);
        }

        var profile = new OpenApiSchemaReference(ProfileSchema.Component, document);
        var operations = document.Paths.Values.Where(p => p.Operations is not null).SelectMany(p => p.Operations!.Values);
        foreach (var body in operations.Where(o => ProfileBodies.Contains(o.OperationId, StringComparer.Ordinal)).Select(o => o.RequestBody as OpenApiRequestBody))
        {
            body!.Description = "A profile document (docs/profile.schema.json); the server validates it like 'vmi profile validate', reporting every error";
            body.Content![ApiJson.MediaType].Schema = profile;
        }

        var schemas = document.Components!.Schemas!;
        ((OpenApiSchema)schemas[nameof(ProfileResponse)]).Properties![nameof(ProfileResponse.Document).ToLowerInvariant()] = profile;
        schemas.Remove(nameof(JsonElement));
        return Task.CompletedTask;
    }
}
