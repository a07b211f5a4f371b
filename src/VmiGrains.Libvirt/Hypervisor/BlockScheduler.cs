namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>The block device a disk image is on and its I/O scheduler (see <see cref="BlockSchedulerProbe"/>).</summary>
/// <param name="Device">The whole-disk device name (e.g. <c>vda</c>), or null when the image is on no block device.</param>
/// <param name="Scheduler">The active scheduler (e.g. <c>mq-deadline</c>, <c>bfq</c>, <c>none</c>), or null when unknown.</param>
/// <param name="Reason">Why there is no device or scheduler; null when both were found.</param>
internal sealed record BlockScheduler(string? Device, string? Scheduler, string? Reason)
{
    /// <summary>True when a blkio weight acts on this device.</summary>
    public bool HonoursWeight => Scheduler == "bfq";
}
