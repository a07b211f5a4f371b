namespace VmiGrains.Domain.Allocation;

/// <summary>The knobs of <see cref="WorkConservingPolicy"/>; the grain validates them at start-up.</summary>
public sealed record WorkConservingOptions
{
    /// <summary>Host memory counts as contended once the VMIs' used memory reaches this fraction of it.</summary>
    public double MemoryPressure { get; init; } = 0.90;

    /// <summary>The link counts as contended once the VMIs' traffic reaches this fraction of it.</summary>
    public double NetworkPressure { get; init; } = 0.90;

    /// <summary>Contention ends only when demand falls this far (fraction of the host) below the threshold.</summary>
    public double Hysteresis { get; init; } = 0.10;

    /// <summary>A VMI using at least this fraction of its current limit (or of the link's top level, see the rules) counts as wanting more and claims its maximum.</summary>
    public double ProbeThreshold { get; init; } = 0.95;

    /// <summary>Under memory pressure a balloon shrinks at most this fraction of the VMI's maximum per plan (MoM: 5 %).</summary>
    public double MemoryStep { get; init; } = 0.05;

    /// <summary>At most this fraction of a host's VMIs get new knobs per plan (besides forced ones)…</summary>
    public double ChangeBudgetFraction { get; init; } = 0.25;

    /// <summary>…but at least this many.</summary>
    public int ChangeBudgetMinimum { get; init; } = 4;

    /// <summary>A VMI whose knobs changed is left alone this long (unless forced).</summary>
    public TimeSpan MinimumDwell { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The damping thresholds and the per-resource cooldown.</summary>
    public DampingOptions Damping { get; init; } = new();

    /// <summary>The pressure threshold of <paramref name="resource"/> (CPU and storage are proportional: never capped).</summary>
    public double Threshold(Abstractions.Profiles.ResourceKind resource) => resource switch
    {
        Abstractions.Profiles.ResourceKind.Ram => MemoryPressure,
        Abstractions.Profiles.ResourceKind.Network => NetworkPressure,
        _ => 0,
    };
}
