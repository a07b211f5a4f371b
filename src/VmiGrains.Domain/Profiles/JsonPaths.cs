using System.Text.Json;
using System.Text.RegularExpressions;

namespace VmiGrains.Domain.Profiles;

/// <summary>JSON-path and value rendering for error messages.</summary>
internal static partial class JsonPaths
{
    private const int MaxShownLength = 60;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>parent.key</c>, or <c>parent["key"]</c> when the key is not a plain identifier.</summary>
    public static string Child(string parent, string key) =>
        PlainKey().IsMatch(key) ? $"{parent}.{key}" : $"{parent}[{JsonSerializer.Serialize(key, Readable)}]";

    /// <summary><c>parent[index]</c>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>How a value is shown after "got": JSON text for scalars, the kind for containers.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => Quote(value.GetString()!),
        _ => value.GetRawText(),
    };

    /// <summary>A string shown as a JSON string, shortened with an ellipsis when long.</summary>
    public static string Quote(string text) =>
        JsonSerializer.Serialize(text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "…"), Readable);

    /// <summary>The JSON type name of a value kind, as used in "must be a string".</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();
}
