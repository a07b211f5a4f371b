using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Hosts;

/// <summary>Persisted state of a host: every VMI's claim and last applied allocation.</summary>
[GenerateSerializer, Alias("VmiGrains.HostState")]
public sealed class HostState
{
    /// <summary>VMI id → what it asks for.</summary>
    [Id(0)] public Dictionary<string, ClaimRecord> Claims { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VMI id → what it got.</summary>
    [Id(1)] public Dictionary<string, Allocation> Allocations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many rebalances changed anything.</summary>
    [Id(2)] public int Rebalances { get; set; }

    /// <summary>When the last one did.</summary>
    [Id(3)] public DateTimeOffset? LastRebalance { get; set; }

    /// <summary>
    /// VMI id → the <c>shape_network</c> in force and the side that applies its delay; written before
    /// the qdisc exists, so the reconciler re-applies it after a crash and removes it from the right side.
    /// </summary>
    [Id(4)] public Dictionary<string, HostShapingRecord> Shaping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// VMI id → the earliest expiry of its temporary changes as it reported it; the undo sweep wakes the VMI
    /// then, whether or not its grain is active (see <c>HypervisorGrain.Undo</c>).
    /// </summary>
    [Id(5)] public Dictionary<string, DateTimeOffset> UndoDue { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A VMI's weights and measured demand in absolute units (CPUs, memory KiB, network KiB/s, storage
/// KiB/s; infinity = not measured).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ClaimRecord")]
public sealed record ClaimRecord([property: Id(0)] ResourceVector Weights, [property: Id(2)] ResourceVector? Demand)
{
    /// <summary>The demand as claims stored it before it was a <see cref="ResourceVector"/> (read, never written).</summary>
    [Id(1)] public IReadOnlyList<double>? StoredDemandList { get; init; }

    /// <summary>The demand, from whichever form it was stored in; unknown when neither holds four numbers.</summary>
    public ResourceVector Usage => Demand
        ?? (StoredDemandList is { Count: 4 } d ? new ResourceVector(d[0], d[1], d[2], d[3]) : ResourceVector.Unknown);
}
