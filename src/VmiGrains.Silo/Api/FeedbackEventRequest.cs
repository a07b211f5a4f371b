using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>One event of a <see cref="FeedbackRequest"/>; field values may be strings, numbers or booleans.</summary>
public sealed class FeedbackEventRequest
{
    /// <summary>Event name, e.g. <c>login</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Scalar fields, e.g. <c>{"user": "eve", "failed_attempts": 3}</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Fields { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>When it happened; the VMI's clock when omitted.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The grain's form; <paramref name="path"/> names this event in errors.</summary>
    internal FeedbackEvent ToEvent(string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Fields)
        {
            fields[key] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new InvalidRequestException(new ValidationError($"{path}.fields.{key}", "must be a string, number or boolean",
                    value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture), "flatten nested values into separate fields")),
            };
        }

        return new FeedbackEvent(Name, fields, Timestamp);
    }
}
