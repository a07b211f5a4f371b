namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// A request to the cluster names something that does not exist or asks for something not allowed
/// (unknown profile or VMI, a profile still in use, a program the profile does not allow). Nothing
/// was changed. <see cref="Errors"/> name the argument, the value and the fix.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.InvalidRequestException")]
public sealed class InvalidRequestException : Exception
{
    /// <summary>Creates the exception from one error.</summary>
    public InvalidRequestException(ValidationError error)
        : base(error?.ToString())
    {
        Errors = error is null ? [] : [error];
    }

    /// <summary>Creates the exception from every problem found.</summary>
    public InvalidRequestException(IReadOnlyList<ValidationError> errors)
        : base(errors is null ? null : string.Join("; ", errors))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every problem with the request.</summary>
    [Id(0)] public IReadOnlyList<ValidationError> Errors { get; }
}
