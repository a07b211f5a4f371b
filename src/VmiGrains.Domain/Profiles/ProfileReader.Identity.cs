using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>id</c> and <c>name</c>.</summary>
internal sealed partial class ProfileReader
{
    private string? ReadId(string id)
    {
        if (SlugPattern().IsMatch(id))
        {
            return id;
        }

        var suggestion = Slugify(id);
        Fail("$.id", "must be a slug: lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters",
            JsonPaths.Quote(id), suggestion.Length > 0 ? $"use e.g. \"{suggestion}\"" : "use e.g. \"my-profile\"");
        return null;
    }

    private string? ReadName(JsonElement root)
    {
        var name = OptionalString(root, "$", "name");
        if (name is null)
        {
            return null;
        }

        if (name.Trim().Length == 0)
        {
            Fail("$.name", "must not be empty", JsonPaths.Quote(name), "give the profile a human-readable name");
            return null;
        }

        if (name.Length > ProfileLimits.MaxNameLength || HasControlCharacters(name))
        {
            Fail("$.name", $"must be at most {ProfileLimits.MaxNameLength} characters without control characters", JsonPaths.Quote(name), "shorten it to one line");
            return null;
        }

        return name;
    }

    /// <summary>The slug a user most likely meant: lowercased, runs of other characters turned into '-'.</summary>
    internal static string Slugify(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (ok)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > 63 ? slug[..63].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    internal static partial Regex SlugPattern();
}
