using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>The profile or VMI named in the URL does not exist; answered with 404.</summary>
internal sealed class ResourceNotFoundException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join("; ", errors.Select(e => e.ToString())))
{
    /// <summary>What was not found, and how to find it.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
