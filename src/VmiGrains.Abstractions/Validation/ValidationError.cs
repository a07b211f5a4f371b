namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// One problem with an input: where (<see cref="Path"/>, a JSON path such as
/// <c>$.network_policy.rules[2].ports</c>, or a CLI argument name), what is wrong, the offending
/// value, and how to fix it.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ValidationError")]
public sealed record ValidationError(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Value,
    [property: Id(3)] string? Fix)
{
    /// <summary><c>$.path: what is wrong (got VALUE); how to fix</c>.</summary>
    public override string ToString()
    {
        var got = Value is null ? string.Empty : $" (got {Value})";
        var fix = string.IsNullOrEmpty(Fix) ? string.Empty : $"; {Fix}";
        return $"{Path}: {Message}{got}{fix}";
    }
}
