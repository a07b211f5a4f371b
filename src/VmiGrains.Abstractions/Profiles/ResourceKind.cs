namespace VmiGrains.Abstractions.Profiles;

/// <summary>The host resources a profile weighs.</summary>
public enum ResourceKind
{
    /// <summary>CPU time (cgroup cpu.weight / shares).</summary>
    Cpu,

    /// <summary>Memory (balloon target, memtune).</summary>
    Ram,

    /// <summary>Network bandwidth (interface average/peak/burst).</summary>
    Network,

    /// <summary>Storage IO (blkio weight).</summary>
    Storage,
}
