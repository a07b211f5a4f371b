using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>
/// A value read out of a rule before validation: a scalar, or a table of string keys to scalars
/// (one level deep), or something that cannot cross the boundary (described by <see cref="Unsupported"/>).
/// </summary>
public sealed record RawValue
{
    /// <summary>The scalar, when this is one.</summary>
    public FieldValue? Scalar { get; init; }

    /// <summary>The table, when this is one (keys are strings; array tables arrive with keys "1", "2", ...).</summary>
    public IReadOnlyDictionary<string, RawValue>? Table { get; init; }

    /// <summary>The type name of a value that cannot be converted (function, userdata, non-UTF-8 string...), else null.</summary>
    public string? Unsupported { get; init; }

    /// <summary>A readable type name for error messages.</summary>
    public string TypeName => Unsupported ?? (Table is not null ? "table" : Scalar!.Value.Kind switch
    {
        FieldValueKind.Text => "string",
        FieldValueKind.Number => "number",
        _ => "boolean",
    });

    /// <summary>The value as shown in an error message ("got ...").</summary>
    public string Display => Scalar is { } s
        ? (s.Kind == FieldValueKind.Text ? $"\"{Truncate(s.Text!)}\"" : s.ToString())
        : TypeName;

    /// <summary>A scalar.</summary>
    public static RawValue Of(FieldValue value) => new() { Scalar = value };

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "...");
}
