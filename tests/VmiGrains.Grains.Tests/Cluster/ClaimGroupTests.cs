using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Profile changes that reach a host while it is busy are committed together: one re-plan serves the
/// group, each caller still gets its own allocation, and the shares stay zero-sum. Its own one-silo
/// cluster on a generated test-driver host (host state behind a <see cref="GatedGrainStorage"/>),
/// so the counts are not disturbed by other tests or by the machine's speed.
/// </summary>
public sealed class ClaimGroupTests : IAsyncLifetime
{
    private const int Vmis = 40;
    private const string HostName = "claim-group-host";
    private GeneratedHosts _hosts = null!;

    private IClusterClient Client => _hosts.Client;

    [Fact]
    public async Task ClaimsThatArriveWhileTheHostCommits_FormOneGroup_AndEveryCallerGetsItsShare()
    {
        var host = Client.GetGrain<IHypervisorGrain>(HostName);
        var protocol = Client.GetGrain<IHypervisorClusterGrain>(HostName);
        var ids = await protocol.DiscoverAsync();
        Assert.Equal(Vmis, ids.Count);
        var before = (await host.GetSummaryAsync()).Rebalances;

        // Hold the host in the middle of its first commit (its state write), so that the other
        // forced claims (what a profile change sends) queue up behind it whatever the machine's speed.
        var gate = _hosts.HostWrites;
        gate.Close();
        var weights = new ResourceVector(0.4, 0.2, 0.2, 0.2);
        var claims = ids.Select(id => protocol.UpdateClaimAsync(id, weights, null, force: true, $"profile change of {id}")).ToList();
        var queued = await Eventually.GetAsync(host.GetSummaryAsync, s => s.ClaimsWaiting == Vmis - 1 && gate.Waiting == 1,
            what: $"one claim committing and {Vmis - 1} waiting for the next group");
        Assert.All(claims, c => Assert.False(c.IsCompleted, "no claim is answered while the host's first commit is held"));
        gate.Open();
        var allocations = await Task.WhenAll(claims);

        var after = await host.GetSummaryAsync();
        Assert.Equal(0, after.ClaimsWaiting);
        Assert.Equal(2, after.Rebalances - before);
        Assert.Equal(Vmis - 1, queued.ClaimsWaiting);
        Assert.All(allocations, a => Assert.NotNull(a));

        // Equal weights: after the second group every VMI holds 1/N of the host's CPU (memory and the link,
        // uncontended, are each VMI's maximum), and every caller of that group got that share back.
        var applied = await host.GetAllocationsAsync();
        Assert.Equal(Vmis, applied.Count);
        Assert.All(applied.Values, a => Assert.Equal(1.0 / Vmis, a.CpuShare, 9));
        Assert.True(applied.Values.Sum(a => a.CpuShare) <= 1.0 + 1e-9, "shares of a host never add up to more than the host");
        Assert.True(allocations.Count(a => Math.Abs(a!.CpuShare - (1.0 / Vmis)) < 1e-9) >= Vmis - 1, "the second group's callers get the share of its re-plan");
    }

    [Fact]
    public async Task ADetachWhileClaimsArrive_LeavesEveryRemainingVmiWithAnEqualShare()
    {
        await Client.GetGrain<IProfileGrain>("even").DefineAsync(
            """{"id":"even","name":"Even","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        var host = Client.GetGrain<IHypervisorGrain>(HostName);
        var ids = await Client.GetGrain<IHypervisorClusterGrain>(HostName).DiscoverAsync();
        await Eventually.GetAsync(() => Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(), v => v.Count == Vmis, what: "every VMI registered");
        await Task.WhenAll(ids.Take(10).Select(id => Client.GetGrain<IVmiGrain>(id).ApplyProfileAsync("even")));

        // Detaches (exclusive, non-interleaved) race with new claims (interleaved, grouped).
        await Task.WhenAll(ids.Take(5).Select(id => Client.GetGrain<IVmiGrain>(id).DetachAsync())
            .Concat(ids.Skip(10).Take(20).Select(id => (Task)Client.GetGrain<IVmiGrain>(id).ApplyProfileAsync("even"))));

        var allocations = await host.GetAllocationsAsync();
        Assert.Equal(25, allocations.Count);
        Assert.All(ids.Take(5), id => Assert.DoesNotContain(id, allocations.Keys));
        Assert.All(allocations.Values, a => Assert.Equal(1.0 / 25, a.CpuShare, 9));
    }

    public async Task InitializeAsync() => _hosts = await GeneratedHosts.StartAsync([HostName], Vmis);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();
}
