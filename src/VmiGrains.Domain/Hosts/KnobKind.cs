namespace VmiGrains.Domain.Hosts;

/// <summary>A host-side control applied to a VMI.</summary>
public enum KnobKind
{
    /// <summary>CPU weight (cgroup <c>cpu.weight</c> or <c>cpu.shares</c>).</summary>
    CpuWeight = 0,

    /// <summary>Memory balloon target.</summary>
    MemoryTarget = 1,

    /// <summary>Memory soft limit (memtune <c>soft_limit</c>).</summary>
    MemorySoftLimit = 2,

    /// <summary>Memory hard limit (memtune <c>hard_limit</c>).</summary>
    MemoryHardLimit = 3,

    /// <summary>Number of active virtual CPUs.</summary>
    Vcpus = 4,

    /// <summary>Block IO weight (100–1000).</summary>
    BlkioWeight = 5,

    /// <summary>Interface bandwidth (one result per MAC).</summary>
    InterfaceBandwidth = 6,
}
