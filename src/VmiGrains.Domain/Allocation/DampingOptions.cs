namespace VmiGrains.Domain.Allocation;

/// <summary>Thresholds that keep allocations from oscillating (see <see cref="WorkConservingPolicy"/>).</summary>
public sealed record DampingOptions
{
    /// <summary>A share must move at least this much (absolute, fraction of the host) to be applied.</summary>
    public double AbsoluteThreshold { get; init; } = 0.02;

    /// <summary>…and at least this fraction of its current value.</summary>
    public double RelativeThreshold { get; init; } = 0.10;

    /// <summary>After a change, a VMI's resource is left alone this long, unless the change is forced.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(5);
}
