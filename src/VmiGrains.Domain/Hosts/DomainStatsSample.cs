namespace VmiGrains.Domain.Hosts;

/// <summary>
/// One statistics sample of a VMI. Counters are cumulative since the domain started; rates come from
/// differences between samples. Members the hypervisor did not report are <see langword="null"/>.
/// </summary>
/// <param name="Uuid">The VMI.</param>
/// <param name="Name">Domain name.</param>
/// <param name="State">Run state.</param>
/// <param name="Timestamp">When the sample was taken.</param>
/// <param name="CpuTimeNs">Cumulative CPU time in nanoseconds.</param>
/// <param name="MemoryActualKiB">Current balloon size in KiB.</param>
/// <param name="MemoryRssKiB">Resident set size of the VMI's process in KiB.</param>
/// <param name="NetRxBytes">Bytes received over all interfaces.</param>
/// <param name="NetTxBytes">Bytes sent over all interfaces.</param>
/// <param name="BlockReadBytes">Bytes read over all disks.</param>
/// <param name="BlockWriteBytes">Bytes written over all disks.</param>
/// <param name="MemoryGuestUsedKiB">Memory the guest itself uses (its MemTotal less MemAvailable, from the balloon driver's
/// statistics), or null when the guest reports none. Prefer it to <paramref name="MemoryRssKiB"/>, which includes the
/// emulator's own memory (qemu's RSS exceeds a small guest's whole size).</param>
public sealed record DomainStatsSample(
    Guid Uuid,
    string Name,
    DomainState State,
    DateTimeOffset Timestamp,
    ulong? CpuTimeNs,
    ulong? MemoryActualKiB,
    ulong? MemoryRssKiB,
    ulong? NetRxBytes,
    ulong? NetTxBytes,
    ulong? BlockReadBytes,
    ulong? BlockWriteBytes,
    ulong? MemoryGuestUsedKiB = null);
