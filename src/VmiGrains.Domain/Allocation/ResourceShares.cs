using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>Fractions of a host's capacity, one per resource, each in [0,1].</summary>
public sealed record ResourceShares(double Cpu, double Ram, double Network, double Storage)
{
    /// <summary>No share of anything.</summary>
    public static ResourceShares Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The share of <paramref name="resource"/>.</summary>
    public double this[ResourceKind resource] => resource switch
    {
        ResourceKind.Cpu => Cpu,
        ResourceKind.Ram => Ram,
        ResourceKind.Network => Network,
        ResourceKind.Storage => Storage,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "unknown resource"),
    };

    /// <summary>Builds shares from a function of the resource.</summary>
    public static ResourceShares From(Func<ResourceKind, double> share) =>
        new(share(ResourceKind.Cpu), share(ResourceKind.Ram), share(ResourceKind.Network), share(ResourceKind.Storage));
}
