using System.Text.Json;

namespace VmiGrains.Domain.Profiles;

/// <summary>Generic checks: unknown, duplicate and missing fields, and scalar reads.</summary>
internal sealed partial class ProfileReader
{
    private void CheckFields(JsonElement obj, string path, IReadOnlyList<string> known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var childPath = JsonPaths.Child(path, property.Name);
            if (!seen.Add(property.Name))
            {
                Fail(childPath, "appears more than once", null, "keep one of the duplicates");
            }
            else if (!known.Contains(property.Name))
            {
                var hint = Suggestions.DidYouMean(property.Name, known);
                Fail(childPath, "unknown field", JsonPaths.Quote(property.Name),
                    hint.Length > 0 ? hint : $"remove it; fields here are: {string.Join(", ", known.Where(k => k != "$schema"))}");
            }
        }
    }

    private void RequireFields(JsonElement obj, string path, IReadOnlyList<string> required)
    {
        foreach (var name in required)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Fail(JsonPaths.Child(path, name), "is required", null, $"add \"{name}\"");
            }
        }
    }

    /// <summary>Reads an optional string field; reports a wrong type. Null or absent gives null.</summary>
    private string? OptionalString(JsonElement obj, string path, string name)
    {
        if (!Field(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(JsonPaths.Child(path, name), "must be a string", Show(value), "quote the value");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Reads a string that must be one of <paramref name="allowed"/>.</summary>
    private string? Choice(JsonElement value, string path, IReadOnlyList<string> allowed)
    {
        var options = string.Join(", ", allowed);
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(path, $"must be one of {options}", Show(value), "use one of those strings");
            return null;
        }

        var text = value.GetString()!;
        if (allowed.Contains(text))
        {
            return text;
        }

        var hint = Suggestions.DidYouMean(text, allowed);
        Fail(path, $"must be one of {options}", Show(value), hint.Length > 0 ? hint : "use one of those values");
        return null;
    }

    private static bool HasControlCharacters(string text) => text.Any(char.IsControl);
}
