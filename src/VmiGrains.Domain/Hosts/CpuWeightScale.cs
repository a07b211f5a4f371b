namespace VmiGrains.Domain.Hosts;

/// <summary>Which cgroup CPU weight range the host enforces.</summary>
public enum CpuWeightScale
{
    /// <summary>cgroup v2 <c>cpu.weight</c>: 1–10000, default 100.</summary>
    CgroupV2 = 0,

    /// <summary>cgroup v1 <c>cpu.shares</c>: 2–262144, default 1024.</summary>
    CgroupV1 = 1,
}
