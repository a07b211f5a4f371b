using VmiGrains.Domain.Hosts;

namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>How to reach the host's hypervisor (configuration section <see cref="SectionName"/>).</summary>
public sealed class LibvirtHypervisorOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "VmiGrains:Hypervisor";

    /// <summary>
    /// libvirt connection URI: <c>qemu:///system</c> on a hypervisor host, <c>test:///default</c> or
    /// <c>test:///ABSOLUTE/PATH/host.xml</c> for the in-process test driver. Default <c>test:///default</c>.
    /// </summary>
    public string Uri { get; set; } = "test:///default";

    /// <summary>Opens the connection read-only (discovery and stats only).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The host's name; when unset, the name the driver reports.</summary>
    public string? HostName { get; set; }

    /// <summary>Link capacity shared by the VMIs, in KiB/s (libvirt cannot report it). Default 10 Gbit/s.</summary>
    public ulong NetworkKiBps { get; set; } = 1_250_000;

    /// <summary>The host's CPU weight range; when unset, cgroup v2 if <c>/sys/fs/cgroup/cgroup.controllers</c> exists, else v1.</summary>
    public CpuWeightScale? CpuWeightScale { get; set; }
}
