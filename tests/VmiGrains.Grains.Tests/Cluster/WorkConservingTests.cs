using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// The work-conserving policy on a generated test-driver host of 12 GiB and a 10,000 KiB/s link with four
/// 4 GiB VMIs (two weighted "heavy", two "light"): idle, every VMI keeps its memory and the whole link;
/// filled, the caps follow the weights (memory on all, the link on the light VMIs the link's own split
/// would over-serve) and each names the pressure that caused it. What was applied is read back from libvirt.
/// </summary>
public sealed class WorkConservingTests : IAsyncLifetime
{
    private const string HostName = "wc-host";
    private const ulong HostMemoryKiB = 12UL * 1024 * 1024;
    private const ulong VmMemoryKiB = 4096 * 1024;
    private const uint LinkKiBps = 10_000;
    private GeneratedHosts _hosts = null!;
    private IReadOnlyList<string> _ids = [];

    private IClusterClient Client => _hosts.Client;

    [Fact]
    public async Task UncontendedHost_EveryVmiGetsItsMemoryAndTheWholeLink()
    {
        await LoadAsync(mem: 0.3, netBytesPerSecond: 100_000);

        foreach (var id in _ids)
        {
            var view = await Eventually.GetAsync(Client.GetGrain<IVmiGrain>(id).GetAsync,
                v => v.Allocation is { MemoryTargetKiB: VmMemoryKiB, BandwidthAverageKiBps: LinkKiBps },
                what: $"{id}: memory target = its maximum and no bandwidth limit below the link");
            Assert.Empty(view.Allocation!.Caps ?? []);
            var actual = await Client.GetGrain<IHypervisorGrain>(HostName).ReadKnobsAsync(id);
            Assert.Equal(VmMemoryKiB, actual!.MemoryTargetKiB);
            Assert.Equal(LinkKiBps, actual.BandwidthAverageKiBps);
        }
    }

    [Fact]
    public async Task FilledHost_WeightsDecideAndEveryCapNamesItsPressure()
    {
        // 4 × 2.8 GiB used of 12 GiB (93 %) and 4 × 2,930 KiB/s on a 10,000 KiB/s link: both contended.
        await LoadAsync(mem: 0.7, netBytesPerSecond: 3_000_000);
        var host = Client.GetGrain<IHypervisorGrain>(HostName);

        // The link's equal split would give the light VMIs more than their weighted share: they are capped at it,
        // and the heavy ones keep the whole link (a cap on them could only leave the link idle).
        var allocations = await Eventually.GetAsync(host.GetAllocationsAsync,
            a => a.Count == 4 && _ids.Select((id, i) => a.TryGetValue(id, out var x) && x.Caps is { Count: var c } && c == (i < 2 ? 1 : 2)).All(ok => ok)
                && a.Values.Sum(x => (double)x.MemoryTargetKiB!.Value) <= HostMemoryKiB,
            TimeSpan.FromSeconds(60), "memory capped on every VMI and network on the light ones, memory back within the host");

        var heavy = _ids.Take(2).Select(id => allocations[id]).ToList();
        var light = _ids.Skip(2).Select(id => allocations[id]).ToList();
        Assert.All(heavy, h => Assert.Equal(LinkKiBps, h.BandwidthAverageKiBps));
        Assert.True(light.Sum(a => (double)a.BandwidthAverageKiBps!.Value) <= LinkKiBps, "the caps share the link");
        Assert.All(heavy, h => Assert.All(light, l => Assert.True(h.BandwidthAverageKiBps > l.BandwidthAverageKiBps, "network weights decide")));
        Assert.All(heavy, h => Assert.All(light, l => Assert.True(h.CpuWeight > l.CpuWeight, "cpu weights decide")));
        Assert.All(allocations.Values, a => Assert.InRange(a.MemoryTargetKiB!.Value, (ulong)(0.7 * VmMemoryKiB), VmMemoryKiB - 1));
        foreach (var id in _ids)
        {
            var caps = allocations[id].Caps!;
            var networkCapped = light.Contains(allocations[id]);
            Assert.Contains(caps, c => c.StartsWith("memory capped at", StringComparison.Ordinal) && c.Contains("host memory pressure", StringComparison.Ordinal));
            Assert.Equal(networkCapped, caps.Any(c => c.StartsWith("network capped at", StringComparison.Ordinal) && c.Contains("host network pressure", StringComparison.Ordinal)));
            var decisions = await Client.GetGrain<IVmiGrain>(id).GetDecisionsAsync();
            Assert.Contains(decisions, d => d.Kind == "allocation" && (d.After ?? string.Empty).Contains("host memory pressure", StringComparison.Ordinal));
            if (networkCapped)
            {
                Assert.Contains(decisions, d => d.Kind == "allocation" && (d.After ?? string.Empty).Contains("host network pressure", StringComparison.Ordinal));
            }
            // The balloon keeps moving in 5 % steps after the snapshot above: compare libvirt with the allocation in
            // force when it is read (CI saw the snapshot's 3,242,394 KiB against the next step's 3,032,678).
            await Eventually.GetAsync(
                async () => ((await host.GetAllocationsAsync())[id], await host.ReadKnobsAsync(id)),
                p => p.Item2 is { } knobs && p.Item1.MemoryTargetKiB == knobs.MemoryTargetKiB && p.Item1.BandwidthAverageKiBps == knobs.BandwidthAverageKiBps,
                TimeSpan.FromSeconds(30), $"{id}: libvirt holds the memory target and bandwidth of the allocation in force");
        }
    }

    public async Task InitializeAsync()
    {
        _hosts = await GeneratedHosts.StartAsync([HostName], 4, new Dictionary<string, string?>
        {
            ["VmiGrains:Hypervisor:NetworkKiBps"] = LinkKiBps.ToString(CultureInfo.InvariantCulture),
            ["VmiGrains:Host:RebalanceInterval"] = "00:00:00.200",
            ["VmiGrains:Host:Cooldown"] = "00:00:00",
            ["VmiGrains:Host:Allocation:MinimumDwell"] = "00:00:00",
            ["VmiGrains:Host:MemoryFloorMiB"] = "16",
        }, HostMemoryKiB, interfaces: true);
        await Client.GetGrain<IProfileGrain>("heavy").DefineAsync(
            """{"id":"heavy","name":"Heavy","resource_weights":{"cpu":0.1,"ram":0.45,"network":0.35,"storage":0.1},"evaluation_interval":"200ms"}""");
        await Client.GetGrain<IProfileGrain>("light").DefineAsync(
            """{"id":"light","name":"Light","resource_weights":{"cpu":0.05,"ram":0.15,"network":0.15,"storage":0.65},"evaluation_interval":"200ms"}""");
        _ids = await Client.GetGrain<IHypervisorClusterGrain>(HostName).DiscoverAsync();
        await Eventually.GetAsync(() => Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(), v => v.Count == 4, what: "every VMI registered");
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    private async Task LoadAsync(double mem, double netBytesPerSecond)
    {
        for (var i = 0; i < _ids.Count; i++)
        {
            var vmi = Client.GetGrain<IVmiGrain>(_ids[i]);
            await vmi.ApplyProfileAsync(i < 2 ? "heavy" : "light");
            await vmi.IngestAsync(new FeedbackBatch([.. Enumerable.Range(0, 10).Select(_ => new FeedbackSample { Cpu = 0.5, Mem = mem, NetRx = netBytesPerSecond })], []));
        }
    }
}
