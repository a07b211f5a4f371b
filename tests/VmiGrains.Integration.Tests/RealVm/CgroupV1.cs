using System.Globalization;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The real cgroup files libvirt's qemu driver writes for a running domain. This machine has cgroup v1
/// (hybrid): <c>/sys/fs/cgroup/CONTROLLER/machine/qemu-ID-NAME.libvirt-qemu/</c>.
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
}
