using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Json;

/// <summary>
/// The one decoder for JSON that comes from outside — REST bodies, the CLI's files, profile
/// documents, replay traces. Rule: bytes must be UTF-8 (one leading BOM is skipped), text must be
/// well-formed UTF-16, the JSON well-formed, and every string and field name valid Unicode. A lone
/// surrogate, raw or escaped (<c>"\ud800"</c>), is an error naming its JSON path here, instead of an
/// exception wherever the string is read later. Errors are <see cref="ValidationError"/>s, never throws
/// for bad input.
/// </summary>
public static partial class StrictJson
{
    /// <summary>Most invalid strings reported for one document; the rest are counted.</summary>
    private const int MaxReported = 10;

    private const int MaxShownLength = 60;

    private const string Fix = "replace it with the intended character or remove it; text must be valid Unicode (UTF-8 encoded, surrogates only in pairs)";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes <paramref name="utf8"/> strictly; null with <paramref name="error"/> naming the byte offset
    /// and the offending bytes when they are not UTF-8.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> utf8, out ValidationError? error)
    {
        var bom = Encoding.UTF8.Preamble;
        var body = utf8.StartsWith(bom) ? utf8[bom.Length..] : utf8;
        var chars = new char[body.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            error = null;
            return new string(chars, 0, written);
        }

        var offset = read + (utf8.Length - body.Length);
        var bad = Convert.ToHexString(body.Slice(read, Math.Min(4, body.Length - read)));
        error = new ValidationError("$", $"is not valid UTF-8 at byte {offset}", $"0x{bad}", "save or send the document encoded as UTF-8");
        return null;
    }

    /// <summary>
    /// Parses <paramref name="text"/> with <paramref name="options"/>; null with every problem in
    /// <paramref name="errors"/> when the text is not valid Unicode, not well-formed JSON, or holds a
    /// string or field name that is not valid Unicode. The caller disposes the document.
    /// </summary>
    public static JsonDocument? TryParse(string text, JsonDocumentOptions options, out IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes;
        try
        {
            bytes = Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            errors = [LoneSurrogate(text, ex)];
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, options);
        }
        catch (JsonException ex)
        {
            errors = [Malformed(ex)];
            return null;
        }

        var found = new List<ValidationError>();
        var invalid = 0;
        Check(document.RootElement, "$", found, ref invalid);
        if (invalid > MaxReported)
        {
            found.Add(new ValidationError("$", $"{invalid - MaxReported} more string(s) are not valid Unicode", null, Fix));
        }

        if (found.Count > 0)
        {
            document.Dispose();
            errors = found;
            return null;
        }

        errors = [];
        return document;
    }

    /// <summary>System.Text.Json's syntax error in our words: line and column (1-based), without its "Path: … | LineNumber: …" suffix.</summary>
    public static ValidationError Malformed(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = PositionSuffix().Replace(exception.Message, string.Empty).TrimEnd('.', ' ');
        var line = (exception.LineNumber ?? 0) + 1;
        var column = (exception.BytePositionInLine ?? 0) + 1;
        return new ValidationError("$", $"malformed JSON at line {line}, column {column}: {message}", null,
            "fix the JSON syntax (check quotes, commas and brackets; comments are not allowed)");
    }

    /// <summary>Counts the invalid strings under <paramref name="element"/> in <paramref name="invalid"/>, reporting the first <see cref="MaxReported"/>.</summary>
    private static void Check(JsonElement element, string path, List<ValidationError> found, ref int invalid)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        Report(found, ref invalid, path, "has a field name that is not valid Unicode", Raw(property));
                        continue;
                    }

                    Check(property.Value, Profiles.JsonPaths.Child(path, name), found, ref invalid);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, Profiles.JsonPaths.Index(path, index++), found, ref invalid);
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    Report(found, ref invalid, path, "is not valid Unicode (a lone UTF-16 surrogate or bytes that are not UTF-8)", Raw(element));
                }

                break;
            default:
                break;
        }
    }

    private static void Report(List<ValidationError> found, ref int invalid, string path, string message, string value)
    {
        if (++invalid <= MaxReported)
        {
            found.Add(new ValidationError(path, message, value, Fix));
        }
    }

    /// <summary>The JSON source text as written (escapes kept), shortened; the escape is what the author can find.</summary>
    private static string Raw(JsonElement element) => Shorten(element.GetRawText());

    private static string Raw(JsonProperty property)
    {
        var raw = property.ToString();
        return Shorten(raw.Length == 0 ? "?" : raw);
    }

    private static string Shorten(string raw) => raw.Length <= MaxShownLength ? raw : string.Concat(raw.AsSpan(0, MaxShownLength), "…");

    private static ValidationError LoneSurrogate(string text, EncoderFallbackException ex)
    {
        var index = Math.Clamp(ex.Index, 0, Math.Max(0, text.Length - 1));
        var line = 1;
        var column = 1;
        for (var i = 0; i < index; i++)
        {
            (line, column) = text[i] == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        var unit = ex.CharUnknownHigh != '\0' ? ex.CharUnknownHigh : ex.CharUnknown;
        return new ValidationError("$", $"is not valid Unicode at line {line}, column {column}: a lone UTF-16 surrogate", $"\"\\u{(int)unit:x4}\"", Fix);
    }

    [GeneratedRegex(@"\s*(Path: .*?)?\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?", RegexOptions.Singleline)]
    private static partial Regex PositionSuffix();
}
