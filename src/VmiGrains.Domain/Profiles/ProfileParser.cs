using System.Text;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Json;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Parses and validates profile documents. Every problem is collected and reported at once in a
/// <see cref="ProfileValidationException"/> — the only exception this type throws for bad input.
/// </summary>
public static class ProfileParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = ProfileLimits.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses a document given as text.</summary>
    /// <param name="json">The document.</param>
    /// <param name="compiler">When given, rule scripts are compiled and syntax errors reported.</param>
    /// <exception cref="ProfileValidationException">The document is invalid; carries every error.</exception>
    public static ProfileDocument Parse(string json, IRuleCompiler? compiler = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var size = Encoding.UTF8.GetByteCount(json);
        if (size > ProfileLimits.MaxDocumentBytes)
        {
            throw new ProfileValidationException(new ValidationError("$",
                $"document is {size} bytes; the limit is {ProfileLimits.MaxDocumentBytes} bytes (256 KiB)", null,
                "move long rule scripts into fewer, shorter rules or split the profile"));
        }

        // One decoder for the CLI and the API: invalid Unicode is an error with a JSON path, not an exception later.
        var document = StrictJson.TryParse(json, DocumentOptions, out var decodeErrors)
            ?? throw new ProfileValidationException(decodeErrors);

        using (document)
        {
            var reader = new ProfileReader(compiler);
            var profile = reader.Read(document.RootElement);
            return profile ?? throw new ProfileValidationException(reader.Errors);
        }
    }

    /// <summary>Parses a document, returning the errors instead of throwing.</summary>
    public static ProfileDocument? TryParse(string json, out IReadOnlyList<ValidationError> errors, IRuleCompiler? compiler = null)
    {
        try
        {
            errors = [];
            return Parse(json, compiler);
        }
        catch (ProfileValidationException ex)
        {
            errors = ex.Errors;
            return null;
        }
    }
}
