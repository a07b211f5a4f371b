namespace VmiGrains.Domain.Hosts;

/// <summary>Bounds the mapping keeps besides the kernel's ranges.</summary>
public sealed record KnobMappingOptions
{
    /// <summary>No VMI's memory target goes below this (KiB), unless its maximum memory is lower. Default 256 MiB.</summary>
    public ulong MemoryFloorKiB { get; init; } = 256 * 1024;

    /// <summary>No interface's average rate goes below this (KiB/s). Default 128 KiB/s.</summary>
    public uint BandwidthFloorKiBps { get; init; } = 128;

    /// <summary>Peak rate as a multiple of the average (at least 1), capped at the link. Default 2.</summary>
    public double PeakFactor { get; init; } = 2;

    /// <summary>Burst size as seconds of the average rate. Default 0.1 s.</summary>
    public double BurstSeconds { get; init; } = 0.1;
}
