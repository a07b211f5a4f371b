using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Two hosts define a domain with the same libvirt UUID (a cloned definition): the VMI stays with
/// the host that registered it, both sides report the conflict, and re-discovery does not flap it.
/// </summary>
public sealed class IdentityConflictTests : IAsyncLifetime
{
    private static readonly string[] Hosts = ["ident-a", "ident-b"];
    private static readonly string Shared = GeneratedHosts.VmiId(0, 0);
    private GeneratedHosts _hosts = null!;

    [Fact]
    public async Task SameUuidOnTwoHosts_IsAConflictReportedOnBoth_AndTheVmiDoesNotMove()
    {
        var client = _hosts.Client;
        var vmi = client.GetGrain<IVmiGrain>(Shared);
        var view = await Eventually.GetAsync(vmi.GetAsync, v => v.IdentityConflict is not null, what: "the conflict seen by the VMI");
        var keeper = view.Host;
        var other = Hosts.Single(h => h != keeper);
        Assert.Equal($"UUID also defined on host {other} as '{(other == Hosts[1] ? "clone-of-h0-vm-000" : "h0-vm-000")}'; the VMI stays with host {keeper}, which has it", view.IdentityConflict);
        var decision = Assert.Single(await vmi.GetDecisionsAsync(), d => d.Kind == "identity");
        Assert.StartsWith($"identity conflict: host {other} also has a domain with this UUID", decision.What, StringComparison.Ordinal);

        var hosts = await Eventually.GetAsync(() => client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync(),
            l => l.Single(h => h.Name == other).IdentityConflicts.Count == 1, what: "the other host lists the conflict");
        Assert.EndsWith($"({Shared}) kept by host {keeper}", hosts.Single(h => h.Name == other).IdentityConflicts[0], StringComparison.Ordinal);
        Assert.Empty(hosts.Single(h => h.Name == keeper).IdentityConflicts);

        // Re-discovery on both hosts, several times: no takeover, no new decision.
        for (var i = 0; i < 3; i++)
        {
            foreach (var host in Hosts)
            {
                await client.GetGrain<IHypervisorGrain>(host).GetSummaryAsync();
                await client.GetGrain<global::VmiGrains.Grains.Hosts.IHypervisorClusterGrain>(host).DiscoverAsync();
            }
        }

        await Task.Delay(500);
        Assert.Equal(keeper, (await vmi.GetAsync()).Host);
        Assert.Single(await vmi.GetDecisionsAsync(), d => d.Kind == "identity");
        Assert.Single(await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(), v => v.VmiId == Shared);

        // A profile attaches through the keeping host only.
        var applied = await vmi.ApplyProfileAsync("minimal-footprint");
        Assert.NotNull(applied.Allocation);
        Assert.NotNull(await client.GetGrain<IHypervisorGrain>(keeper).ReadKnobsAsync(Shared));
        Assert.DoesNotContain(Shared, (await client.GetGrain<IHypervisorGrain>(other).GetAllocationsAsync()).Keys);
    }

    public async Task InitializeAsync()
    {
        _hosts = await GeneratedHosts.StartAsync(Hosts, 2, clones: [(1, Shared, "clone-of-h0-vm-000")]);
        var json = await File.ReadAllTextAsync(RepoPaths.Of("examples", "profiles", "minimal-footprint.json"));
        await _hosts.Client.GetGrain<IProfileGrain>("minimal-footprint").DefineAsync(json);
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();
}
