using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace VmiGrains.Silo.Api.OpenApi;

/// <summary>
/// The document's title, description, tag descriptions and its one server: <see cref="ApiOptions.PublicUrl"/> when set
/// (a proxy in front of the silo), else the URL the document was requested at, without the trailing slash.
/// </summary>
internal sealed class DocumentInfoTransformer(IOptions<ApiOptions> api) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Profiles"] = "Personality profiles and their versions (vmi profile …)",
        ["Hosts"] = "Hypervisor hosts of the cluster (vmi host list)",
        ["VMIs"] = "Virtual machine instances: profiles, telemetry, rules, programs (vmi vm …, vmi exec)",
        ["Rollouts"] = "Server-side rollouts of a profile version in waves with health gates (vmi rollout …)",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "VmiGrains API";
        document.Info.Description = "The REST form of the vmi CLI. Authenticate with 'Authorization: Bearer TOKEN' "
            + "(VmiGrains:Api:ReadTokens for GET, :WriteTokens for changes). Errors are application/problem+json with an 'errors' array of {path, message, value, fix}.";
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description = tag.Name is { } name && Tags.TryGetValue(name, out var description) ? description : tag.Description;
        }

        if ((api.Value.PublicUrl ?? document.Servers?.FirstOrDefault()?.Url) is { } url)
        {
            document.Servers = [new OpenApiServer { Url = url.TrimEnd('/') }];
        }

        return Task.CompletedTask;
    }
}
