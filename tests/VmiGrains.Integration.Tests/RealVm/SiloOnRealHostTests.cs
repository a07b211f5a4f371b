using System.Text.Json;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// End to end on the real host: a <c>vmi-silo</c> process manages the private libvirtd
/// (<c>VmiGrains:Hypervisor:Uri=qemu+unix://…</c>, stats polling every second) and the real <c>vmi</c> attaches
/// an example profile. The effects are read from the cgroup, libvirt and the guest's /proc.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class SiloOnRealHostTests(RealVmHost host)
{
    private const string Profile = "high-performance-rendering";

    [Fact]
    public async Task VmAttach_RenderingProfileOnRealGuest_CgroupSharesAndGuestNiceFollowTheProfile()
    {
        var guest = host.Guests[1];
        using var silo = await RealVmSilo.StartAsync(host);
        await silo.VmiAsync("profile", "apply", "-f", RepoPaths.Of("examples", "profiles", Profile + ".json"));
        await silo.WaitRegisteredAsync(guest);
        await silo.VmiAsync("vm", "attach", guest.Name, Profile);

        // The weight VmiGrains reports is the one in libvirt and in the cgroup file (it may be rebalanced
        // while we look, so all three are read until they agree).
        using var domain = host.Connection.LookupByUuid(guest.Uuid);
        var (reported, inLibvirt, inCgroup) = await Eventually.GetAsync(async () =>
            {
                using var show = JsonDocument.Parse(await silo.VmiAsync("-o", "json", "vm", "show", guest.Name));
                var weight = show.RootElement.GetProperty("allocation").GetProperty("cpu_weight").GetUInt64();
                return (weight, domain.GetSchedulerParameters().Single(p => p.Name == "cpu_shares").AsUInt64(), CgroupV1.Read("cpu", guest, "cpu.shares"));
            },
            w => w.weight == w.Item2 && w.Item2 == w.Item3,
            TimeSpan.FromSeconds(60), "reported weight, libvirt cpu_shares and cgroup cpu.shares agree");
        Assert.NotEqual(1024UL, inCgroup); // libvirt's default: the profile's allocation was written
        Assert.Equal(reported, inLibvirt);

        // application_priorities: blender "high" (-10), updatedb "idle" (19); sshd is not named and stays at 0.
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", -10, "after attach");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 19, "after attach"); // applied after blender
        Assert.Equal(0, await GuestShell.NiceOfAppAsync(host.Connection, guest, "sshd"));

        // Stats polling is on: the windows fill from virConnectGetAllDomainStats; bandwidth is reported, not faked.
        using var shown = JsonDocument.Parse(await Eventually.GetAsync(
            () => silo.VmiAsync("-o", "json", "vm", "show", guest.Name),
            json => CpuSamples(json) >= 2, TimeSpan.FromSeconds(60), "cpu samples from libvirt stats"));
        var unsupported = shown.RootElement.GetProperty("allocation").GetProperty("unsupported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("interface_bandwidth", unsupported);
        // Network enforcement is off on this silo: the allocation says bandwidth is not enforced, and why.
        var bandwidthBy = shown.RootElement.GetProperty("allocation").GetProperty("bandwidth_enforcement").GetString();
        Assert.StartsWith("not enforced: libvirt domiftune unsupported", bandwidthBy, StringComparison.Ordinal);
        Assert.Contains("network enforcement is off", bandwidthBy, StringComparison.Ordinal);
        var tap = host.Connection.GetAllDomainStats().Single(s => s.Uuid == guest.Uuid).Parameters.Single(p => p.Name == "net.0.name").Text!;
        var qdiscs = await host.InNetnsAsync("tc", "qdisc", "show", "dev", tap);
        Assert.DoesNotContain("htb", qdiscs.Stdout, StringComparison.Ordinal);

        // The host list says so too (it used to list only what capability detection found).
        using var hosts = JsonDocument.Parse(await silo.VmiAsync("-o", "json", "host", "list"));
        var hostUnsupported = hosts.RootElement.EnumerateArray().Single().GetProperty("unsupported_knobs").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("interface_bandwidth", hostUnsupported);
    }

    private static int CpuSamples(string showJson)
    {
        using var doc = JsonDocument.Parse(showJson);
        return doc.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "cpu").GetProperty("samples").GetInt32();
    }
}
