namespace VmiGrains.Domain.Telemetry;

/// <summary>The type of a <see cref="FieldValue"/>.</summary>
public enum FieldValueKind
{
    /// <summary>A UTF-8 string.</summary>
    Text,

    /// <summary>A finite double.</summary>
    Number,

    /// <summary>true or false.</summary>
    Logical,
}
