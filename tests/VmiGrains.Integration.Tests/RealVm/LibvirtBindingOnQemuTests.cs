using System.Globalization;
using VmiGrains.Libvirt;
using Xunit.Abstractions;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// Our libvirt binding (<see cref="LibvirtConnection"/>/<see cref="LibvirtDomain"/>) against a real qemu
/// driver, each effect read back from the real system: cgroup files, the guest's /proc through the agent.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class LibvirtBindingOnQemuTests(RealVmHost host, ITestOutputHelper output)
{
    private RealVmGuest Guest0 => host.Guests[0];

    [Fact]
    public void GetDriverType_PrivateLibvirtd_IsQemuWithEveryGuestRunning()
    {
        output.WriteLine($"{RealVmHost.GuestCount} guests booted (virsh start → every agent answered guest-ping) in {host.BootSeconds} s");
        Assert.Equal("QEMU", host.Connection.GetDriverType());
        foreach (var guest in host.Guests)
        {
            using var domain = host.Connection.LookupByUuid(guest.Uuid);
            Assert.Equal(guest.Name, domain.Name);
            Assert.Equal(1, domain.GetInfo().State); // VIR_DOMAIN_RUNNING
        }
    }

    [Fact]
    public async Task Open_IdleLongerThanTheDaemonsKeepalive_ConnectionStillAnswers()
    {
        // The private libvirtd drops a client that misses its keepalive for 2 × 2 s (kvm-host.sh); an idle
        // connection survives only if our binding runs libvirt's event loop, which answers it.
        using var connection = LibvirtConnection.Open(host.Uri);
        var hostname = connection.GetHostname();
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(hostname, connection.GetHostname()); // a round trip to libvirtd
    }

    [Fact]
    public void SetSchedulerParameters_CpuShares_ReadBackFromLibvirtAndCgroupFile()
    {
        using var domain = host.Connection.LookupByUuid(Guest0.Uuid);
        foreach (var shares in new ulong[] { 512, 1536, 1024 })
        {
            domain.SetSchedulerParameters([TypedParameter.ULLong("cpu_shares", shares)]);
            Assert.Equal(shares, domain.GetSchedulerParameters().Single(p => p.Name == "cpu_shares").AsUInt64());
            Assert.Equal(shares, CgroupV1.Read("cpu", Guest0, "cpu.shares"));
        }
    }

    [Fact]
    public void SetMemoryParameters_Memtune_CgroupMemoryFilesChange()
    {
        using var domain = host.Connection.LookupByUuid(Guest0.Uuid);
        const ulong hardKiB = 1024 * 1024, softKiB = 512 * 1024;
        domain.SetMemoryParameters([TypedParameter.ULLong("hard_limit", hardKiB), TypedParameter.ULLong("soft_limit", softKiB)]);
        Assert.Equal(hardKiB * 1024, CgroupV1.Read("memory", Guest0, "memory.limit_in_bytes"));
        Assert.Equal(softKiB * 1024, CgroupV1.Read("memory", Guest0, "memory.soft_limit_in_bytes"));
        var memtune = domain.GetMemoryParameters();
        Assert.Equal(hardKiB, memtune.Single(p => p.Name == "hard_limit").AsUInt64());
        Assert.Equal(softKiB, memtune.Single(p => p.Name == "soft_limit").AsUInt64());
    }

    [Fact]
    public async Task SetMemory_BalloonTarget_GuestMemTotalDropsAndReturns()
    {
        var guest = host.Guests[1];
        using var domain = host.Connection.LookupByUuid(guest.Uuid);
        var full = domain.GetInfo().MaxMemoryKiB;
        domain.SetMemory(full);
        await Eventually.GetAsync(() => Task.FromResult(domain.GetInfo().MemoryKiB), m => m == full, what: "balloon back at maximum");
        var fullTotal = await GuestShell.MemInfoKiBAsync(host.Connection, guest, "MemTotal");

        const ulong shrinkKiB = 48 * 1024;
        domain.SetMemory(full - shrinkKiB);
        var shrunk = await Eventually.GetAsync(
            () => GuestShell.MemInfoKiBAsync(host.Connection, guest, "MemTotal"),
            total => total <= fullTotal - shrinkKiB + 1024,
            what: $"guest MemTotal to drop by ~{shrinkKiB} KiB from {fullTotal} KiB");
        Assert.InRange(shrunk, fullTotal - shrinkKiB - 1024, fullTotal - shrinkKiB + 1024);

        domain.SetMemory(full);
        await Eventually.GetAsync(
            () => GuestShell.MemInfoKiBAsync(host.Connection, guest, "MemTotal"),
            total => total >= fullTotal - 1024,
            what: $"guest MemTotal back at {fullTotal} KiB");
    }

    [Fact]
    public async Task GetAllDomainStats_RealGuests_ReportCpuBalloonVcpuNetAndBlockGroups()
    {
        // Traffic on the tap, so net counters are not just the boot's few packets.
        var ping = await host.InNetnsAsync("ping", "-c", "3", "-i", "0.2", "-W", "2", host.Guests[0].Ip);
        Assert.True(ping.ExitCode == 0, $"ping {host.Guests[0].Ip} inside {host.Netns}: {ping.Stdout}{ping.Stderr}");
        var stats = host.Connection.GetAllDomainStats();
        Assert.Equal(host.Guests.Select(g => g.Uuid).Order(), stats.Select(s => s.Uuid).Order());
        foreach (var s in stats)
        {
            Assert.True(s.UInt64("cpu.time") > 0, $"{s.Name}: cpu.time");
            Assert.True(s.UInt64("balloon.current") >= 128 * 1024, $"{s.Name}: balloon.current");
            Assert.True(s.UInt64("balloon.rss") > 0, $"{s.Name}: balloon.rss (qemu's RSS)");
            // Guest-side balloon statistics arrive because the domain sets <stats period='2'/>.
            Assert.True(s.UInt64("balloon.available") > 0, $"{s.Name}: balloon.available (guest-side stats)");
            Assert.Equal(1UL, s.UInt64("vcpu.current"));
            Assert.True(s.UInt64("vcpu.0.time") > 0, $"{s.Name}: vcpu.0.time");
            Assert.Equal(1UL, s.UInt64("net.count"));
            Assert.StartsWith("vnet", s.Parameters.Single(p => p.Name == "net.0.name").Text, StringComparison.Ordinal);
            Assert.True(s.UInt64("net.0.rx.pkts") > 0, $"{s.Name}: net.0.rx.pkts");
            Assert.Equal(1UL, s.UInt64("block.count"));
            Assert.True(s.UInt64("block.0.rd.reqs") > 0, $"{s.Name}: block.0.rd.reqs (the kernel probes the disk)");
        }

        var pinged = stats.Single(s => s.Uuid == host.Guests[0].Uuid);
        Assert.True(pinged.UInt64("net.0.tx.pkts") >= 3, $"the tap carried the 3 pings: tx.pkts={pinged.UInt64("net.0.tx.pkts")}");
    }

    [Fact]
    public async Task GetAllDomainStats_MemtouchInGuest_BalloonUnusedDropsByWhatItHolds()
    {
        const ulong holdKiB = 40 * 1024;
        var before = Unused();
        var pid = (await GuestShell.RunAsync(host.Connection, Guest0, "/usr/bin/memtouch 40 >/dev/null 2>&1 & echo $!")).Trim();
        try
        {
            // balloon.unused is the guest's MemFree as its balloon driver reports it (<stats period='2'/>).
            await Eventually.GetAsync(() => Task.FromResult(Unused()), unused => unused + (holdKiB * 8 / 10) <= before,
                TimeSpan.FromSeconds(30), $"balloon.unused to drop by ~{holdKiB} KiB from {before} KiB");
        }
        finally
        {
            await GuestShell.RunAsync(host.Connection, Guest0, $"kill {pid}");
        }

        ulong Unused() => host.Connection.GetAllDomainStats().Single(s => s.Uuid == Guest0.Uuid).UInt64("balloon.unused")!.Value;
    }

    [Fact]
    public async Task QemuAgentCommand_GuestExecUnderNice_GuestProcStatShowsNice()
    {
        var stat = await GuestShell.RunAsync(host.Connection, Guest0, "/usr/bin/nice -n 7 /bin/cat /proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(7, int.Parse(fields[19 - 3], CultureInfo.InvariantCulture));
    }
}
