using System.Globalization;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The real cgroup files libvirt's qemu driver writes for a running domain. This machine has cgroup v1
/// (hybrid): <c>/sys/fs/cgroup/CONTROLLER/machine/qemu-ID-NAME.libvirt-qemu/</c>, plus the same directory in the
/// v2 <c>unified</c> hierarchy, whose <c>cpu.stat</c> is where libvirt reads a domain's CPU time here (the
/// separately mounted v1 cpuacct hierarchy gets no machine directory).
/// </summary>
internal static class CgroupV1
{
    public static string Directory(string controller, RealVmGuest guest)
    {
        var parent = $"/sys/fs/cgroup/{controller}/machine";
        var matches = System.IO.Directory.Exists(parent)
            ? System.IO.Directory.GetDirectories(parent, $"qemu-*-{guest.Name}.libvirt-qemu")
            : [];
        Assert.True(matches.Length == 1, $"expected one cgroup v1 directory {parent}/qemu-*-{guest.Name}.libvirt-qemu, found {matches.Length} (is the host cgroup v2? see docs/real-kvm-host.md)");
        return matches[0];
    }

    public static ulong Read(string controller, RealVmGuest guest, string file) =>
        ulong.Parse(File.ReadAllText(Path.Combine(Directory(controller, guest), file)).Trim(), CultureInfo.InvariantCulture);

    /// <summary><c>usage_usec</c> of the domain's <c>unified/…/cpu.stat</c>, in nanoseconds.</summary>
    public static ulong UnifiedCpuUsageNs(RealVmGuest guest)
    {
        var line = File.ReadAllLines(Path.Combine(Directory("unified", guest), "cpu.stat")).Single(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
        return ulong.Parse(line["usage_usec ".Length..], CultureInfo.InvariantCulture) * 1000;
    }
}
