namespace VmiGrains.Domain.Hosts;

/// <summary>What one hypervisor host can hand out.</summary>
/// <param name="HostName">The host's name (the key of its hypervisor grain).</param>
/// <param name="LogicalCpus">Active logical CPUs.</param>
/// <param name="CpuMhz">Nominal CPU frequency.</param>
/// <param name="MemoryKiB">Physical memory in KiB.</param>
/// <param name="NetworkKiBps">Link capacity shared by the VMIs' interfaces, in KiB/s (configured; libvirt does not report it).</param>
/// <param name="CpuWeightScale">The CPU weight range the host's cgroups use.</param>
public sealed record HostCapacity(
    string HostName,
    int LogicalCpus,
    int CpuMhz,
    ulong MemoryKiB,
    ulong NetworkKiBps,
    CpuWeightScale CpuWeightScale);
