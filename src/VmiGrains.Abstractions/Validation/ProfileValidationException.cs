namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// A profile document (or a request that carries one) is invalid. Carries every error found,
/// not only the first, each with its JSON path, value and fix.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.ProfileValidationException")]
public sealed class ProfileValidationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of errors.</summary>
    public ProfileValidationException(IReadOnlyList<ValidationError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from a single error.</summary>
    public ProfileValidationException(ValidationError error)
        : this([error])
    {
    }

    /// <summary>Every error found, in document order.</summary>
    [Id(0)] public IReadOnlyList<ValidationError> Errors { get; }

    private static string Format(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
