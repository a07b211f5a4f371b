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
}

/// <summary>A VMI's weights and absolute demand (CPUs, memory KiB, network KiB/s, storage KiB/s; infinity = unknown).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ClaimRecord")]
public sealed record ClaimRecord([property: Id(0)] ResourceWeights Weights, [property: Id(1)] IReadOnlyList<double> Demand);
