namespace VmiGrains.Domain.Hosts;

/// <summary>The ranges the kernel and libvirt accept for each knob.</summary>
public static class KnobRanges
{
    /// <summary>cgroup v2 <c>cpu.weight</c> minimum.</summary>
    public const uint CgroupV2CpuWeightMin = 1;

    /// <summary>cgroup v2 <c>cpu.weight</c> maximum.</summary>
    public const uint CgroupV2CpuWeightMax = 10_000;

    /// <summary>cgroup v1 <c>cpu.shares</c> minimum.</summary>
    public const uint CgroupV1SharesMin = 2;

    /// <summary>cgroup v1 <c>cpu.shares</c> maximum.</summary>
    public const uint CgroupV1SharesMax = 262_144;

    /// <summary>blkio weight minimum.</summary>
    public const uint BlkioWeightMin = 100;

    /// <summary>blkio weight maximum.</summary>
    public const uint BlkioWeightMax = 1_000;

    /// <summary>cgroup v2 <c>cpu.weight</c> of a cgroup nobody tuned.</summary>
    public const uint CgroupV2CpuWeightDefault = 100;

    /// <summary>cgroup v1 <c>cpu.shares</c> of a cgroup nobody tuned.</summary>
    public const uint CgroupV1SharesDefault = 1024;

    /// <summary>The weight every untuned cgroup of <paramref name="scale"/> has.</summary>
    public static uint CpuWeightDefault(CpuWeightScale scale) => scale == CpuWeightScale.CgroupV1 ? CgroupV1SharesDefault : CgroupV2CpuWeightDefault;

    /// <summary>The CPU weight range of <paramref name="scale"/>.</summary>
    public static (uint Min, uint Max) CpuWeight(CpuWeightScale scale) => scale switch
    {
        CpuWeightScale.CgroupV1 => (CgroupV1SharesMin, CgroupV1SharesMax),
        _ => (CgroupV2CpuWeightMin, CgroupV2CpuWeightMax),
    };
}
