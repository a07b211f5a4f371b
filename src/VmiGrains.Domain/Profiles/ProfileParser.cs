using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Parses and validates profile documents. Every problem is collected and reported at once in a
/// <see cref="ProfileValidationException"/> — the only exception this type throws for bad input.
/// </summary>
public static partial class ProfileParser
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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ProfileValidationException(MalformedJson(ex));
        }

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

    private static ValidationError MalformedJson(JsonException ex)
    {
        // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; we say it our way.
        var message = PositionSuffix().Replace(ex.Message, string.Empty).TrimEnd('.', ' ');
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        return new ValidationError("$", $"malformed JSON at line {line}, column {column}: {message}", null,
            "fix the JSON syntax (check quotes, commas and brackets; comments are not allowed)");
    }

    [GeneratedRegex(@"\s*(Path: .*?)?\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?", RegexOptions.Singleline)]
    private static partial Regex PositionSuffix();
}
