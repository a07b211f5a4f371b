namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// One number per host resource — the one shape for a profile's weights (each in [0,1], summing to 1),
/// a VMI's shares of its host (fractions), its measured demand (absolute units or fractions;
/// <see cref="double.PositiveInfinity"/> = not measured) and its maximum.
/// Stored under the alias it had as <c>ResourceVector</c>, with the same ids, so stored profiles,
/// claims and views still load.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ResourceWeights")]
public sealed record ResourceVector(
    [property: Id(0)] double Cpu,
    [property: Id(1)] double Ram,
    [property: Id(2)] double Network,
    [property: Id(3)] double Storage)
{
    /// <summary>Zero everywhere.</summary>
    public static ResourceVector Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Nothing measured: infinity everywhere.</summary>
    public static ResourceVector Unknown { get; } = new(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);

    /// <summary>The value for <paramref name="resource"/>.</summary>
    public double this[ResourceKind resource] => resource switch
    {
        ResourceKind.Cpu => Cpu,
        ResourceKind.Ram => Ram,
        ResourceKind.Network => Network,
        ResourceKind.Storage => Storage,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "unknown resource"),
    };

    /// <summary>A vector from a function of the resource.</summary>
    public static ResourceVector From(Func<ResourceKind, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value(ResourceKind.Cpu), value(ResourceKind.Ram), value(ResourceKind.Network), value(ResourceKind.Storage));
    }

    /// <summary>A copy with one value replaced (the others are left as they are).</summary>
    public ResourceVector With(ResourceKind resource, double value) => resource switch
    {
        ResourceKind.Cpu => this with { Cpu = value },
        ResourceKind.Ram => this with { Ram = value },
        ResourceKind.Network => this with { Network = value },
        ResourceKind.Storage => this with { Storage = value },
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "unknown resource"),
    };
}
