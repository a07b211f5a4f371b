using VmiGrains.Domain.Hosts;

namespace VmiGrains.Libvirt.Hypervisor;

public sealed partial class LibvirtHypervisor
{
    private readonly BlockSchedulerProbe _blockSchedulers = new();
    private bool? _localQemu;

    // Only a qemu driver on this machine puts the weight in a cgroup whose devices we can inspect here.
    private bool LocalQemu => _localQemu ??= IsLocalUri(_options.Uri) && Connection.GetDriverType() == "QEMU";

    private KnobResult ApplyBlkioWeight(LibvirtDomain domain, uint weight)
    {
        var result = Apply(KnobKind.BlkioWeight, null, weight,
            () => domain.SetBlkioParameters([TypedParameter.UInt(BlkioWeightParameter, weight)]),
            () => domain.GetBlkioParameters().Value(BlkioWeightParameter));
        return result.Outcome == KnobOutcome.Applied && LocalQemu && WhyBlkioWeightHasNoEffect(domain) is { } why
            ? KnobResult.NoEffect(KnobKind.BlkioWeight, null, why)
            : result;
    }

    /// <summary>Null when at least one of the domain's disks is on a bfq device (or it has none); otherwise what each disk is on.</summary>
    private string? WhyBlkioWeightHasNoEffect(LibvirtDomain domain)
    {
        var disks = (_devices.TryGetValue(domain.Uuid, out var cached) ? cached : Describe(domain)).Disks.Where(d => d.Source is not null).ToList();
        if (disks.Count == 0)
        {
            return null;
        }

        var probes = disks.Select(d => (Disk: d, Device: _blockSchedulers.Probe(d.Source!))).ToList();
        if (probes.Any(p => p.Device.HonoursWeight))
        {
            return null;
        }

        var where = probes.Select(p => p.Device.Reason is { } reason
            ? $"disk {p.Disk.TargetDevice}: {reason}"
            : $"disk {p.Disk.TargetDevice} ({p.Disk.Source}) is on {p.Device.Device} with I/O scheduler {p.Device.Scheduler}");
        return $"BlkioWeight set, no effect on a non-BFQ device: {string.Join("; ", where)}. The weight acts only on devices " +
            "scheduled by bfq (echo bfq > /sys/block/DEVICE/queue/scheduler on the host) or drop storage from the profile's weights.";
    }

    // qemu:///system, qemu+unix:///system?socket=…: no host part and no network transport, so the daemon runs here.
    private static bool IsLocalUri(string uri)
    {
        var separator = uri.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0 || uri.Length <= separator + 3 || uri[separator + 3] != '/')
        {
            return false;
        }

        var transport = uri[..separator].Split('+') is [_, var t] ? t : "unix";
        return transport == "unix";
    }
}
