using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt.Hypervisor;
using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Hypervisor;

/// <summary>IHypervisor over the test driver with the demo host files (own state per connection).</summary>
public sealed class LibvirtHypervisorTests : IDisposable
{
    private static readonly Guid Web01 = Guid.Parse("a1b2c3d4-0001-4a00-8000-00000000a001");
    private static readonly Guid Render01 = Guid.Parse("a1b2c3d4-0003-4a00-8000-00000000a003");
    private static readonly Guid CiRunner01 = Guid.Parse("a1b2c3d4-0005-4a00-8000-00000000a005");

    private readonly LibvirtHypervisor _hypervisor = new(new LibvirtHypervisorOptions
    {
        Uri = HostFixtures.Uri("demo-host-a.xml"),
        HostName = "demo-host-a",
        CpuWeightScale = CpuWeightScale.CgroupV2,
    });

    public void Dispose() => _hypervisor.Dispose();

    [Fact]
    public async Task GetCapacityAsync_DemoHostA_ReportsNodeAndConfiguredName()
    {
        var capacity = await _hypervisor.GetCapacityAsync();

        Assert.Equal(new HostCapacity("demo-host-a", 32, 2900, 128UL * 1024 * 1024, 1_250_000, CpuWeightScale.CgroupV2), capacity);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_TestDriver_NoCpuWeightNwfilterOrAgent()
    {
        var capabilities = await _hypervisor.GetCapabilitiesAsync();

        Assert.Equal(new HypervisorCapabilities("TEST", CpuWeight: false, NetworkFilter: false, GuestAgent: false), capabilities);
    }

    [Fact]
    public async Task ListDomainsAsync_DemoHostA_DescribesDevicesAndAgentChannel()
    {
        var domains = await _hypervisor.ListDomainsAsync();

        Assert.Equal(["ci-runner-01", "db-01", "render-01", "web-01", "web-02"], domains.Select(d => d.Name).Order());
        var render = Assert.Single(domains, d => d.Uuid == Render01);
        Assert.Equal(DomainState.Running, render.State);
        Assert.Equal((8, 16UL * 1024 * 1024, 32UL * 1024 * 1024), (render.Vcpus, render.MemoryKiB, render.MaxMemoryKiB));
        Assert.Equal(["52:54:00:a1:00:03", "52:54:00:a1:01:03"], render.Interfaces.Select(i => i.Mac));
        Assert.Equal(["vda", "vdb"], render.Disks.Select(d => d.TargetDevice));
        Assert.Equal("/run/libvirt/qemu/channel/render-01/org.qemu.guest_agent.0", render.GuestAgentSocketPath);
        var ci = Assert.Single(domains, d => d.Uuid == CiRunner01);
        Assert.Equal(DomainState.Shutoff, ci.State);
        Assert.Null(ci.GuestAgentSocketPath);
    }

    [Fact]
    public async Task ApplyAsync_EveryKnob_AppliedAndReadBackExceptIgnoredCpuWeight()
    {
        var limit = new BandwidthLimit(2048, 4096, 256);
        var knobs = new KnobSet
        {
            CpuWeight = 300,
            MemoryTargetKiB = 12UL * 1024 * 1024,
            MemorySoftLimitKiB = 10UL * 1024 * 1024,
            MemoryHardLimitKiB = 20UL * 1024 * 1024,
            Vcpus = 4,
            BlkioWeight = 800,
            Bandwidth = [new InterfaceBandwidth("52:54:00:a1:01:03", limit, limit)],
        };

        var results = await _hypervisor.ApplyAsync(Render01, knobs);

        var cpu = Assert.Single(results, r => r.Knob == KnobKind.CpuWeight);
        Assert.Equal(KnobOutcome.Unsupported, cpu.Outcome);
        Assert.Contains("does not enforce CPU weight", cpu.Message, StringComparison.Ordinal);
        Assert.All(results.Where(r => r.Knob != KnobKind.CpuWeight), r => Assert.Equal(KnobOutcome.Applied, r.Outcome));
        Assert.Equal(7, results.Count);
        var read = await _hypervisor.ReadKnobsAsync(Render01);
        Assert.NotNull(read);
        Assert.Equal(knobs with { CpuWeight = read.CpuWeight }, read);
        Assert.False((await _hypervisor.GetCapabilitiesAsync()).CpuWeight);
    }

    [Fact]
    public async Task ApplyAsync_MemoryAboveMax_FailsThatKnobOnlyWithLibvirtMessage()
    {
        var knobs = new KnobSet { MemoryTargetKiB = 64UL * 1024 * 1024, BlkioWeight = 500 };

        var results = await _hypervisor.ApplyAsync(Web01, knobs);

        var memory = Assert.Single(results, r => r.Knob == KnobKind.MemoryTarget);
        Assert.Equal(KnobOutcome.Failed, memory.Outcome);
        Assert.Contains("MemoryTarget = 67108864 rejected", memory.Message, StringComparison.Ordinal);
        Assert.Equal(KnobOutcome.Applied, Assert.Single(results, r => r.Knob == KnobKind.BlkioWeight).Outcome);
    }

    [Fact]
    public async Task ApplyAsync_UnknownDomain_FailsEveryKnobNamingTheUuid()
    {
        var unknown = Guid.Parse("00000000-0000-4000-8000-000000000404");

        var results = await _hypervisor.ApplyAsync(unknown, new KnobSet { Vcpus = 1, BlkioWeight = 200 });

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(KnobOutcome.Failed, r.Outcome));
        Assert.All(results, r => Assert.Contains(unknown.ToString(), r.Message, StringComparison.Ordinal));
        Assert.Null(await _hypervisor.GetDomainAsync(unknown));
    }

    [Fact]
    public async Task ApplyAsync_MappedKnobsForEveryDomain_NothingFails()
    {
        var capacity = await _hypervisor.GetCapacityAsync();
        var domains = await _hypervisor.ListDomainsAsync();

        foreach (var vmi in domains)
        {
            var target = ResourceVector.From(_ => 1.0 / domains.Count);
            var results = await _hypervisor.ApplyAsync(vmi.Uuid, KnobMapper.Map(target, capacity, vmi));

            Assert.DoesNotContain(results, r => r.Outcome == KnobOutcome.Failed);
        }
    }

    [Fact]
    public async Task SampleAllAsync_TestDriver_CompletesRunningDomainsFromPerDomainCalls()
    {
        var samples = await _hypervisor.SampleAllAsync();

        Assert.Equal(5, samples.Count);
        Assert.All(samples.Where(s => s.State == DomainState.Running), s =>
        {
            Assert.NotNull(s.CpuTimeNs);
            Assert.NotNull(s.MemoryActualKiB);
            Assert.NotNull(s.NetRxBytes);
            Assert.NotNull(s.NetTxBytes);
            Assert.NotNull(s.BlockReadBytes);
            Assert.NotNull(s.BlockWriteBytes);
        });
        var off = Assert.Single(samples, s => s.Uuid == CiRunner01);
        Assert.Equal((DomainState.Shutoff, (ulong?)null), (off.State, off.NetRxBytes));
    }

    [Fact]
    public async Task SampleAsync_OneDomain_HasDeviceCounters()
    {
        var sample = await _hypervisor.SampleAsync(Web01);

        Assert.NotNull(sample);
        Assert.Equal("web-01", sample.Name);
        Assert.NotNull(sample.NetRxBytes);
        Assert.NotNull(sample.BlockWriteBytes);
    }

    [Fact]
    public async Task SetNetworkFilterAsync_TestDriver_UnsupportedWithLibvirtsReason()
    {
        var result = await _hypervisor.SetNetworkFilterAsync(Web01, "vmigrains-test", "<filter name='vmigrains-test' chain='root'/>");

        Assert.Equal(KnobOutcome.Unsupported, result.Outcome);
        Assert.Contains("vmigrains-test", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuestAgentCommandAsync_TestDriver_Unsupported()
    {
        var reply = await _hypervisor.GuestAgentCommandAsync(Web01, """{"execute":"guest-ping"}""", TimeSpan.FromSeconds(5));

        Assert.Equal(KnobOutcome.Unsupported, reply.Outcome);
        Assert.NotNull(reply.Message);
    }

    [Fact]
    public async Task SampleAllAsync_HundredDomains_ParsesEveryDomain()
    {
        using var hypervisor = new LibvirtHypervisor(new LibvirtHypervisorOptions { Uri = HostFixtures.GenerateUri(100) });

        var samples = await hypervisor.SampleAllAsync();

        Assert.Equal(100, samples.Select(s => s.Uuid).Distinct().Count());
        Assert.All(samples, s => Assert.Equal(DomainState.Running, s.State));
        Assert.All(samples, s => Assert.NotNull(s.NetTxBytes));
    }
}
