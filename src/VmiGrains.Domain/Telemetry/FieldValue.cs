using System.Globalization;

namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// A scalar carried by events, <c>emit</c> actions and the rules' per-VMI <c>state</c>:
/// a string, a finite number or a boolean — the values that map one-to-one onto Lua and JSON.
/// </summary>
public readonly record struct FieldValue
{
    private FieldValue(FieldValueKind kind, string? text, double number)
    {
        Kind = kind;
        Text = text;
        Number = number;
    }

    /// <summary>Which of the three types this is.</summary>
    public FieldValueKind Kind { get; }

    /// <summary>The string, when <see cref="Kind"/> is <see cref="FieldValueKind.Text"/>.</summary>
    public string? Text { get; }

    /// <summary>The number (1/0 for booleans).</summary>
    public double Number { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="FieldValueKind.Logical"/>.</summary>
    public bool Flag => Kind == FieldValueKind.Logical && Number != 0;

    /// <summary>A string value.</summary>
    public static FieldValue Of(string text) => new(FieldValueKind.Text, text ?? throw new ArgumentNullException(nameof(text)), 0);

    /// <summary>A number value; must be finite.</summary>
    public static FieldValue Of(double number) => double.IsFinite(number)
        ? new(FieldValueKind.Number, null, number)
        : throw new ArgumentOutOfRangeException(nameof(number), number, "field numbers must be finite");

    /// <summary>A boolean value.</summary>
    public static FieldValue Of(bool value) => new(FieldValueKind.Logical, null, value ? 1 : 0);

    /// <summary>Approximate bytes this value holds (for size limits).</summary>
    public int Size => Kind == FieldValueKind.Text ? 16 + (2 * Text!.Length) : 16;

    /// <summary>The value as it would be written in JSON or a trace.</summary>
    public override string ToString() => Kind switch
    {
        FieldValueKind.Text => Text!,
        FieldValueKind.Logical => Flag ? "true" : "false",
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
