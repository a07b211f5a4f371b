using System.Diagnostics;
using System.Text.Json;
using VmiGrains.Integration.Tests.Cluster;

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
        var clusterId = $"vmigrains-realvm-{Guid.NewGuid():N}";
        const string c = "--VmiGrains:Cluster:";
        using var silo = new SiloProcess("realvm-host",
        [
            $"{c}ClusterId={clusterId}",
            $"{c}ServiceId={clusterId}",
            $"{c}SiloPort={TestServices.FreePort()}",
            $"{c}GatewayPort={TestServices.FreePort()}",
            $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
            "--VmiGrains:Host:Name=realvm-host",
            $"--VmiGrains:Hypervisor:Uri={host.Uri}",
            "--VmiGrains:Host:StatsInterval=00:00:01",
        ], new Dictionary<string, string>());
        await silo.StartAsync();
        var gateway = $"127.0.0.1:{silo.GatewayPort}";

        await VmiAsync(clusterId, "--gateway", gateway, "profile", "apply", "-f", RepoPaths.Of("examples", "profiles", Profile + ".json"));
        await Eventually.GetAsync(() => TryVmiAsync(clusterId, "--gateway", gateway, "vm", "list"), r => r.Stdout.Contains(guest.Name, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"{guest.Name} registered by the silo");
        await VmiAsync(clusterId, "--gateway", gateway, "vm", "attach", guest.Name, Profile);

        // The weight VmiGrains reports is the one in libvirt and in the cgroup file (it may be rebalanced
        // while we look, so all three are read until they agree).
        using var domain = host.Connection.LookupByUuid(guest.Uuid);
        var (reported, inLibvirt, inCgroup) = await Eventually.GetAsync(async () =>
            {
                using var show = JsonDocument.Parse(await VmiAsync(clusterId, "--gateway", gateway, "-o", "json", "vm", "show", guest.Name));
                var weight = show.RootElement.GetProperty("allocation").GetProperty("cpu_weight").GetUInt64();
                return (weight, domain.GetSchedulerParameters().Single(p => p.Name == "cpu_shares").AsUInt64(), CgroupV1.Read("cpu", guest, "cpu.shares"));
            },
            w => w.weight == w.Item2 && w.Item2 == w.Item3,
            TimeSpan.FromSeconds(60), "reported weight, libvirt cpu_shares and cgroup cpu.shares agree");
        Assert.NotEqual(1024UL, inCgroup); // libvirt's default: the profile's allocation was written
        Assert.Equal(reported, inLibvirt);

        // application_priorities: blender "high" (-10), updatedb "idle" (19); sshd is not named and stays at 0.
        await Eventually.GetAsync(() => NiceOfAsync(guest, "blender"), n => n == -10, TimeSpan.FromSeconds(60), "blender at nice -10 in the guest");
        Assert.Equal(19, await NiceOfAsync(guest, "updatedb"));
        Assert.Equal(0, await NiceOfAsync(guest, "sshd"));

        // Stats polling is on: the windows fill from virConnectGetAllDomainStats; bandwidth is reported, not faked.
        using var shown = JsonDocument.Parse(await Eventually.GetAsync(
            () => VmiAsync(clusterId, "--gateway", gateway, "-o", "json", "vm", "show", guest.Name),
            json => CpuSamples(json) >= 2, TimeSpan.FromSeconds(60), "cpu samples from libvirt stats"));
        var unsupported = shown.RootElement.GetProperty("allocation").GetProperty("unsupported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("interface_bandwidth", unsupported);
        var tap = host.Connection.GetAllDomainStats().Single(s => s.Uuid == guest.Uuid).Parameters.Single(p => p.Name == "net.0.name").Text!;
        var qdiscs = await host.InNetnsAsync("tc", "qdisc", "show", "dev", tap);
        Assert.DoesNotContain("htb", qdiscs.Stdout, StringComparison.Ordinal);

        // The host list says so too (it used to list only what capability detection found).
        using var hosts = JsonDocument.Parse(await VmiAsync(clusterId, "--gateway", gateway, "-o", "json", "host", "list"));
        var hostUnsupported = hosts.RootElement.EnumerateArray().Single().GetProperty("unsupported_knobs").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("interface_bandwidth", hostUnsupported);
    }

    private static int CpuSamples(string showJson)
    {
        using var doc = JsonDocument.Parse(showJson);
        return doc.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "cpu").GetProperty("samples").GetInt32();
    }

    private async Task<int> NiceOfAsync(RealVmGuest guest, string app)
    {
        var pid = long.Parse((await GuestShell.RunAsync(host.Connection, guest, $"/usr/bin/pgrep -x {app}")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return await GuestShell.NiceAsync(host.Connection, guest, pid);
    }

    private static async Task<string> VmiAsync(string clusterId, params string[] args)
    {
        var result = await TryVmiAsync(clusterId, args);
        Assert.True(result.ExitCode == 0, $"vmi {string.Join(' ', args)} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> TryVmiAsync(string clusterId, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        start.Environment["VMIGRAINS_CLUSTER_ID"] = clusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = clusterId;
        start.ArgumentList.Add(BuiltApps.Cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }
}
