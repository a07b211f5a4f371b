using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Profile changes that reach a host together are committed together: one re-plan serves the
/// group, each caller still gets its own allocation, and the shares stay zero-sum. Its own one-silo
/// cluster on a generated test-driver host, so the counts are not disturbed by other tests.
/// </summary>
public sealed class ClaimGroupTests : IAsyncLifetime
{
    private const int Vmis = 40;
    private const string HostName = "claim-group-host";
    private GeneratedHosts _hosts = null!;

    private IClusterClient Client => _hosts.Client;

    [Fact]
    public async Task ConcurrentProfileChanges_AreCommittedInGroups_AndEveryCallerGetsItsShare()
    {
        var host = Client.GetGrain<IHypervisorGrain>(HostName);
        var ids = await host.DiscoverAsync();
        Assert.Equal(Vmis, ids.Count);
        var before = (await host.GetSummaryAsync()).Rebalances;

        // Forced claims (what a profile change sends) from every VMI of the host at once.
        var weights = new ResourceWeights(0.25, 0.25, 0.25, 0.25);
        var allocations = await Task.WhenAll(ids.Select(id => host.UpdateClaimAsync(id, weights, null, force: true, $"profile change of {id}")));

        var rebalances = (await host.GetSummaryAsync()).Rebalances - before;
        Assert.All(allocations, a => Assert.NotNull(a));
        Assert.True(rebalances >= 1, "the host never re-planned");
        Assert.True(rebalances < Vmis / 2, $"{Vmis} concurrent profile changes took {rebalances} re-plans; groups should share them");

        // Equal weights and no telemetry: after the last group every VMI holds 1/N of the host.
        var applied = await host.GetAllocationsAsync();
        Assert.Equal(Vmis, applied.Count);
        Assert.All(applied.Values, a => Assert.Equal(1.0 / Vmis, a.RamShare, 9));
        Assert.True(applied.Values.Sum(a => a.CpuShare) <= 1.0 + 1e-9, "shares of a host never add up to more than the host");
        var lastGroup = allocations.Where(a => a!.AppliedAt == allocations.Max(x => x!.AppliedAt)).ToList();
        Assert.All(lastGroup, a => Assert.Equal(1.0 / Vmis, a!.RamShare, 9));
    }

    [Fact]
    public async Task ADetachWhileClaimsArrive_LeavesEveryRemainingVmiWithAnEqualShare()
    {
        await Client.GetGrain<IProfileGrain>("even").DefineAsync(
            """{"id":"even","name":"Even","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        var host = Client.GetGrain<IHypervisorGrain>(HostName);
        var ids = await host.DiscoverAsync();
        await Eventually.GetAsync(() => Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(), v => v.Count == Vmis, what: "every VMI registered");
        await Task.WhenAll(ids.Take(10).Select(id => Client.GetGrain<IVmiGrain>(id).ApplyProfileAsync("even")));

        // Detaches (exclusive, non-interleaved) race with new claims (interleaved, grouped).
        await Task.WhenAll(ids.Take(5).Select(id => Client.GetGrain<IVmiGrain>(id).DetachAsync())
            .Concat(ids.Skip(10).Take(20).Select(id => (Task)Client.GetGrain<IVmiGrain>(id).ApplyProfileAsync("even"))));

        var allocations = await host.GetAllocationsAsync();
        Assert.Equal(25, allocations.Count);
        Assert.All(ids.Take(5), id => Assert.DoesNotContain(id, allocations.Keys));
        Assert.All(allocations.Values, a => Assert.Equal(1.0 / 25, a.RamShare, 9));
    }

    public async Task InitializeAsync() => _hosts = await GeneratedHosts.StartAsync([HostName], Vmis);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();
}
