using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// A network policy, shaping spec, fault spec or interface list cannot be compiled. Carries every
/// error found, each naming the field, the value and the fix. Nothing was applied.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.NetworkConfigurationException")]
public sealed class NetworkConfigurationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of errors.</summary>
    public NetworkConfigurationException(IReadOnlyList<ValidationError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from one error.</summary>
    public NetworkConfigurationException(ValidationError error)
        : this([error])
    {
    }

    /// <summary>Every error found.</summary>
    [Id(0)] public IReadOnlyList<ValidationError> Errors { get; }
}
