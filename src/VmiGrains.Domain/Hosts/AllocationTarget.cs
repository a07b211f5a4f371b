using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Hosts;

/// <summary>
/// The fraction of the host's capacity of each resource a VMI should get, each in [0,1].
/// The allocator produces one per VMI; <see cref="KnobMapper"/> turns it into concrete knobs.
/// </summary>
/// <param name="Cpu">Share of host CPU.</param>
/// <param name="Memory">Share of host memory.</param>
/// <param name="Network">Share of the host's link.</param>
/// <param name="Storage">Share of host block IO.</param>
public sealed record AllocationTarget(double Cpu, double Memory, double Network, double Storage)
{
    /// <summary>
    /// Rule: a VMI entitled to <paramref name="hostShare"/> of the host spreads it over the four resources
    /// by its profile's weights relative to an even split (0.25 each): share(r) = hostShare × weight(r) / 0.25,
    /// clamped to [0,1]. So a profile weighting CPU at 0.5 gets twice its share of CPU and, at
    /// weight 0, none. Non-finite or negative inputs count as 0.
    /// </summary>
    public static AllocationTarget FromWeights(ResourceWeights weights, double hostShare)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var share = Sanitize(hostShare);
        return new AllocationTarget(
            Scale(weights.Cpu, share),
            Scale(weights.Ram, share),
            Scale(weights.Network, share),
            Scale(weights.Storage, share));
    }

    private static double Scale(double weight, double share) => Sanitize(share * Sanitize(weight) / 0.25);

    private static double Sanitize(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
}
