namespace VmiGrains.Abstractions.Profiles;

/// <summary>Weighted distribution over the four host resources; each in [0,1], summing to 1.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ResourceWeights")]
public sealed record ResourceWeights(
    [property: Id(0)] double Cpu,
    [property: Id(1)] double Ram,
    [property: Id(2)] double Network,
    [property: Id(3)] double Storage)
{
    /// <summary>The weight of <paramref name="resource"/>.</summary>
    public double this[ResourceKind resource] => resource switch
    {
        ResourceKind.Cpu => Cpu,
        ResourceKind.Ram => Ram,
        ResourceKind.Network => Network,
        ResourceKind.Storage => Storage,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "unknown resource"),
    };

    /// <summary>A copy with one weight replaced (the others are left as they are).</summary>
    public ResourceWeights With(ResourceKind resource, double value) => resource switch
    {
        ResourceKind.Cpu => this with { Cpu = value },
        ResourceKind.Ram => this with { Ram = value },
        ResourceKind.Network => this with { Network = value },
        ResourceKind.Storage => this with { Storage = value },
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "unknown resource"),
    };
}
