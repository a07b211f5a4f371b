using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// One silo managing its own host and two more through their libvirt URIs
/// (<c>VmiGrains:Host:Additional</c>): every host is placed on it, discovers its own domains, and
/// applies allocations through its own connection; network enforcement stays with the silo's own host.
/// </summary>
public sealed class MultiHostTests : IAsyncLifetime
{
    private static readonly string[] Hosts = ["multi-own", "multi-extra-1", "multi-extra-2"];
    private GeneratedHosts _hosts = null!;

    [Fact]
    public async Task EveryHostIsManaged_AndAllocatesThroughItsOwnConnection()
    {
        var client = _hosts.Client;
        var vmis = await Eventually.GetAsync(() => client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(),
            v => v.Count == Hosts.Length * 3, what: "every host's VMIs registered");
        Assert.Equal(Hosts.Order(), vmis.Select(v => v.Host).Distinct().Order());
        foreach (var (host, index) in Hosts.Select((h, i) => (h, i)))
        {
            Assert.Equal(
                Enumerable.Range(0, 3).Select(i => GeneratedHosts.VmiId(index, i)).Order(),
                vmis.Where(v => v.Host == host).Select(v => v.VmiId).Order());
        }

        // A VMI of an additional host: its allocation is applied through that host's libvirt connection and reads back there.
        var vmi = client.GetGrain<IVmiGrain>(GeneratedHosts.VmiId(2, 1));
        var applied = (await vmi.ApplyProfileAsync("minimal-footprint")).Allocation;
        Assert.NotNull(applied);
        var knobs = await client.GetGrain<IHypervisorGrain>(Hosts[2]).ReadKnobsAsync(GeneratedHosts.VmiId(2, 1));
        Assert.NotNull(knobs);
        Assert.Equal(applied.MemoryTargetKiB, knobs.MemoryTargetKiB);
        Assert.Null(await client.GetGrain<IHypervisorGrain>(Hosts[1]).ReadKnobsAsync(GeneratedHosts.VmiId(2, 1)));

        // Its network policy is validated, not enforced, and the decision log says why.
        var decisions = await vmi.GetDecisionsAsync();
        var network = Assert.Single(decisions, d => d.Kind == "network");
        Assert.Contains($"managed through libvirt from another machine", network.What, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _hosts = await GeneratedHosts.StartAsync(Hosts, 3);
        var json = await File.ReadAllTextAsync(RepoPaths.Of("examples", "profiles", "minimal-footprint.json"));
        await _hosts.Client.GetGrain<IProfileGrain>("minimal-footprint").DefineAsync(json);
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();
}
