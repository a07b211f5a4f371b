using System.Text.Json.Nodes;

namespace VmiGrains.Silo.Api.OpenApi;

/// <summary>
/// <c>docs/profile.schema.json</c> (embedded in the silo) as OpenAPI components. The rule: the schema itself becomes
/// <see cref="Component"/>, each <c>$defs</c> entry a component named <c>Profile</c> + its name in Pascal case, and every
/// <c>#/$defs/x</c> reference points at that component; <c>$schema</c> and <c>$id</c> are dropped, so references resolve
/// inside the API document (with <c>$id</c> they would resolve against vmigrains.dev, which linters cannot reach); and
/// <c>const: X</c> becomes the equivalent <c>enum: [X]</c>, because OpenAPI.NET keeps <c>const</c> as a string (true → "True").
/// </summary>
internal static class ProfileSchema
{
    /// <summary>The component name of a profile document.</summary>
    public const string Component = "Profile";

    private const string Resource = "VmiGrains.Silo.profile.schema.json";
    private const string Definitions = "#/$defs/";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Embedded = new(() =>
    {
        using var stream = typeof(ProfileSchema).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in the silo (see VmiGrains.Silo.csproj)");
        using var reader = new StreamReader(stream);
        return ToComponents(reader.ReadToEnd());
    });

    /// <summary>Component name → its JSON Schema text, from the embedded schema.</summary>
    public static IReadOnlyDictionary<string, string> Components => Embedded.Value;

    /// <summary>Component name → its JSON Schema text, from <paramref name="schemaJson"/>.</summary>
    internal static IReadOnlyDictionary<string, string> ToComponents(string schemaJson)
    {
        var root = JsonNode.Parse(schemaJson)?.AsObject() ?? throw new InvalidOperationException("the profile schema is not a JSON object");
        var definitions = root["$defs"]?.AsObject();
        root.Remove("$defs");
        root.Remove("$schema");
        root.Remove("$id");
        var components = new Dictionary<string, string>(StringComparer.Ordinal) { [Component] = Rewrite(root) };
        foreach (var (name, definition) in definitions ?? [])
        {
            components[NameOf(name)] = Rewrite(definition!);
        }

        return components;
    }

    private static string NameOf(string definition) => $"{Component}{char.ToUpperInvariant(definition[0])}{definition[1..]}";

    private static string Rewrite(JsonNode node)
    {
        Point(node);
        return node.ToJsonString();
    }

    private static void Point(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o["$ref"] is JsonValue value && value.TryGetValue<string>(out var target) && target.StartsWith(Definitions, StringComparison.Ordinal))
            {
                o["$ref"] = $"#/components/schemas/{NameOf(target[Definitions.Length..])}";
            }

            if (o["const"] is { } constant)
            {
                o.Remove("const");
                o["enum"] = new JsonArray(constant);
            }

            foreach (var (_, child) in o)
            {
                Point(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Point(item);
            }
        }
    }
}
