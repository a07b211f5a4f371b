using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VmiGrains.Silo.Api.OpenApi;

/// <summary>Gives the <see cref="ProblemDetails"/> schema the members <see cref="ApiProblems"/> adds: <c>errors</c> and <c>trace_id</c>.</summary>
internal sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails))
        {
            return;
        }

        schema.Description = "RFC 9457 problem details; 'errors' lists every problem, each as the CLI prints it: PATH: MESSAGE (got VALUE); FIX";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "Every problem found, each naming the field (path), what is wrong, the value and the fix",
            Items = await context.GetOrCreateSchemaAsync(typeof(ApiProblems.ErrorEntry), null, cancellationToken),
        };
        schema.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's id in the silo's log" };
    }
}
