using System.Text.Encodings.Web;
using System.Text.Json;

namespace VmiGrains.Cli.Output;

/// <summary>The JSON settings of <c>-o json</c>: indented, snake_case names, readable Unicode.</summary>
internal static class JsonOutput
{
    /// <summary>Shared serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = VmiGrains.Domain.Json.UnitAwareSnakeCase.Instance,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One-line snake_case JSON, for streams (JSON Lines).</summary>
    public static readonly JsonSerializerOptions Lines = new(Options) { WriteIndented = false };

    /// <summary>Writes <paramref name="value"/> as indented snake_case JSON.</summary>
    public static void Write<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
