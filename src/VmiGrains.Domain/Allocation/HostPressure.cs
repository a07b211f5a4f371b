using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// The host's pressure at one plan: the VMIs' measured demand per resource (fraction of the host) and
/// the resources found contended (kept by the caller between plans: it is the hysteresis' memory).
/// </summary>
public sealed record HostPressure(ResourceVector Demand, IReadOnlySet<ResourceKind> Contended)
{
    /// <summary>Nothing measured, nothing contended.</summary>
    public static HostPressure None { get; } = new(ResourceVector.Zero, new HashSet<ResourceKind>());

    /// <summary>True when <paramref name="resource"/> is contended.</summary>
    public bool IsContended(ResourceKind resource) => Contended.Contains(resource);
}
