using VmiGrains.Domain.Hosts;
using VmiGrains.GuestAgent;
using VmiGrains.Libvirt.Hypervisor;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The product's <see cref="IHypervisor"/> (<see cref="LibvirtHypervisor"/>) and guest agent on a real qemu
/// driver: what it reports is compared with the cgroup files, the tap's qdiscs and the guest's /proc.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class LibvirtHypervisorOnQemuTests(RealVmHost host) : IDisposable
{
    private readonly LibvirtHypervisor _hypervisor = new(new LibvirtHypervisorOptions { Uri = host.Uri });

    private RealVmGuest Guest0 => host.Guests[0];

    public void Dispose() => _hypervisor.Dispose();

    [Fact]
    public async Task GetCapabilitiesAsync_QemuDriver_ReportsCpuWeightAndGuestAgent()
    {
        var capabilities = await _hypervisor.GetCapabilitiesAsync();
        Assert.Equal("QEMU", capabilities.DriverType);
        Assert.True(capabilities.CpuWeight, "cpu_shares is a scheduler parameter of a running qemu domain");
        Assert.True(capabilities.GuestAgent);
        var domains = await _hypervisor.ListDomainsAsync();
        Assert.Equal(host.Guests.Select(g => g.Uuid).Order(), domains.Select(d => d.Uuid).Order());
    }

    [Fact]
    public async Task ApplyAsync_CpuWeight_AppliedAndCgroupCpuSharesMatches()
    {
        var results = await _hypervisor.ApplyAsync(Guest0.Uuid, new KnobSet { CpuWeight = 300 });
        try
        {
            var result = Assert.Single(results);
            Assert.True(result.Outcome == KnobOutcome.Applied, $"{result.Outcome}: {result.Message}");
            Assert.Equal(300UL, CgroupV1.Read("cpu", Guest0, "cpu.shares"));
            Assert.Equal(300U, (await _hypervisor.ReadKnobsAsync(Guest0.Uuid))!.CpuWeight);
        }
        finally
        {
            await _hypervisor.ApplyAsync(Guest0.Uuid, new KnobSet { CpuWeight = 1024 });
        }
    }

    [Fact]
    public async Task ApplyAsync_MemoryLimits_AppliedAndCgroupFilesMatch()
    {
        var results = await _hypervisor.ApplyAsync(host.Guests[1].Uuid, new KnobSet { MemoryHardLimitKiB = 900 * 1024, MemorySoftLimitKiB = 400 * 1024 });
        Assert.All(results, r => Assert.True(r.Outcome == KnobOutcome.Applied, $"{r.Knob}: {r.Outcome}: {r.Message}"));
        Assert.Equal(900UL * 1024 * 1024, CgroupV1.Read("memory", host.Guests[1], "memory.limit_in_bytes"));
        Assert.Equal(400UL * 1024 * 1024, CgroupV1.Read("memory", host.Guests[1], "memory.soft_limit_in_bytes"));
        var knobs = (await _hypervisor.ReadKnobsAsync(host.Guests[1].Uuid))!;
        Assert.Equal(900UL * 1024, knobs.MemoryHardLimitKiB);
        Assert.Equal(400UL * 1024, knobs.MemorySoftLimitKiB);
    }

    [Fact]
    public async Task ApplyAsync_BlkioWeight_WrittenToTheBfqWeightFile_NoEffectUnlessTheDiskIsOnBfq()
    {
        // Written to the cgroup either way; it acts only on BFQ-scheduled devices (see docs/real-kvm-host.md), and the
        // outcome says which. The device's scheduler is read here with findmnt + lsblk, not with the product's probe.
        var result = Assert.Single(await _hypervisor.ApplyAsync(Guest0.Uuid, new KnobSet { BlkioWeight = 321 }));
        if (!File.Exists(Path.Combine(CgroupV1.Directory("blkio", Guest0), "blkio.bfq.weight")))
        {
            // A kernel without BFQ (e.g. 6.18 of the firecracker CI VMs): no blkio cgroup has a weight file, libvirt refuses,
            // and the knob is unsupported on this host rather than failing on every re-plan.
            Assert.True(result.Outcome == KnobOutcome.Unsupported, $"{result.Outcome}: {result.Message}");
            Assert.Contains("needs the BFQ I/O scheduler in the host's kernel", result.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(321UL, CgroupV1.Read("blkio", Guest0, "blkio.bfq.weight"));
        var image = GuestImageDirectory();
        var device = (await Run("findmnt", "-n", "-o", "SOURCE", "--target", image)).Trim();
        var scheduler = (await Run("lsblk", "-ndo", "SCHED", device)).Trim();
        if (scheduler == "bfq")
        {
            Assert.True(result.Outcome == KnobOutcome.Applied, $"{result.Outcome}: {result.Message}");
        }
        else
        {
            Assert.True(result.Outcome == KnobOutcome.NoEffect, $"{device} is scheduled by {scheduler}, yet {result.Outcome}: {result.Message}");
            Assert.Contains($"I/O scheduler {scheduler}", result.Message, StringComparison.Ordinal);
            Assert.Contains("no effect on a non-BFQ device", result.Message, StringComparison.Ordinal);
        }
    }

    // The guests' qcow2 files live under the fixture's directory (kvm-host.sh DIR/guests).
    private string GuestImageDirectory()
    {
        using var domain = host.Connection.LookupByUuid(Guest0.Uuid);
        var xml = System.Xml.Linq.XDocument.Parse(domain.GetXmlDescription());
        return Path.GetDirectoryName((string)xml.Descendants("disk").Single().Element("source")!.Attribute("file")!)!;
    }

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"{program} {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    [Fact]
    public async Task ApplyAsync_InterfaceBandwidthOnKernelWithoutSfq_UnsupportedWithReasonAndTapLeftClean()
    {
        var limit = new BandwidthLimit(1000, 2000, 100);
        var result = Assert.Single(await _hypervisor.ApplyAsync(Guest0.Uuid, new KnobSet { Bandwidth = [new InterfaceBandwidth(Guest0.Mac, limit, limit)] }));

        Assert.True(result.Outcome == KnobOutcome.Unsupported, $"{result.Outcome}: {result.Message}");
        Assert.Contains("cannot be enforced by libvirt on this host", result.Message, StringComparison.Ordinal);
        Assert.Contains("the half-built qdisc was removed", result.Message, StringComparison.Ordinal);
        var tap = host.Connection.GetAllDomainStats().Single(s => s.Uuid == Guest0.Uuid).Parameters.Single(p => p.Name == "net.0.name").Text!;
        var qdiscs = await host.InNetnsAsync("tc", "qdisc", "show", "dev", tap);
        Assert.Equal(0, qdiscs.ExitCode);
        Assert.DoesNotContain("htb", qdiscs.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ingress", qdiscs.Stdout, StringComparison.Ordinal);
        Assert.Empty((await _hypervisor.ReadKnobsAsync(Guest0.Uuid))!.Bandwidth);
    }

    [Fact]
    public async Task SampleAllAsync_LoadGeneratorInGuest_CpuTimeIsTheCgroupsCpuUsage()
    {
        // SampleAllAsync is the stats-polling path (virConnectGetAllDomainStats). The burn makes the counter
        // move; the cgroup's own counter, read between two samples, must lie between them (monotonic, so
        // this holds however busy the machine is). SampleAsync (virDomainGetInfo) reads qemu's /proc
        // ticks instead, 10 ms granular, so it is not compared here.
        var before = await CpuTimeNsAsync();
        await GuestShell.RunAsync(host.Connection, Guest0, "/usr/bin/burn 2");
        var cgroup = CgroupV1.UnifiedCpuUsageNs(Guest0);
        var after = await CpuTimeNsAsync();
        Assert.True(before < cgroup && cgroup <= after, $"libvirt cpu.time {before} → {after} ns, cgroup cpu.stat usage {cgroup} ns in between");

        var sample = (await _hypervisor.SampleAllAsync()).Single(s => s.Uuid == Guest0.Uuid);
        Assert.Equal(DomainState.Running, sample.State);
        Assert.True(sample.MemoryActualKiB >= 128 * 1024, $"balloon actual {sample.MemoryActualKiB} KiB");
        Assert.True(sample.MemoryRssKiB > 0);
        Assert.True(sample.NetRxBytes > 0);
        Assert.True(sample.BlockReadBytes > 0);
    }

    private async Task<ulong> CpuTimeNsAsync() =>
        (await _hypervisor.SampleAllAsync()).Single(s => s.Uuid == Guest0.Uuid).CpuTimeNs!.Value;

    [Fact]
    public async Task ReprioritiseAsync_BlenderStandIn_GuestProcStatShowsNewNice()
    {
        await using var agent = QemuGuestAgent.ForDomainChannel(new HypervisorAgentChannel(_hypervisor, Guest0.Uuid), Guest0.Uuid.ToString());
        foreach (var nice in new[] { 9, 0 })
        {
            var result = await agent.ReprioritiseAsync("blender", nice);
            Assert.True(result.IsSuccess, result.ToString());
            var pid = Assert.Single(result.Value.Pids);
            Assert.Equal(nice, await GuestShell.NiceAsync(host.Connection, Guest0, pid));
        }
    }
}
