using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// <c>VmiGrains:Vmi:DeferHostNotices</c>: when the host moves a VMI while re-planning for a neighbour,
/// the VMI's new allocation and its "host rebalanced" decision are written at once (default) or with
/// the next checkpoint — at the latest when the VMI deactivates. Writes are counted in front of
/// Orleans' memory storage.
/// </summary>
public sealed class HostNoticeTests
{
    private const string HostName = "notice-host";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ANeighboursProfileChange_IsWrittenAtOnce_OrDeferredUntilDeactivation(bool defer)
    {
        await using var hosts = await GeneratedHosts.StartAsync([HostName], 2, new Dictionary<string, string?>
        {
            ["VmiGrains:Vmi:DeferHostNotices"] = defer.ToString(CultureInfo.InvariantCulture),
            ["VmiGrains:Vmi:WindowCheckpointInterval"] = "01:00:00", // no checkpoint during the test
        });
        var client = hosts.Client;
        await client.GetGrain<IProfileGrain>("even").DefineAsync(
            """{"id":"even","name":"Even","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        var ids = await client.GetGrain<IHypervisorClusterGrain>(HostName).DiscoverAsync();
        var first = client.GetGrain<IVmiGrain>(ids[0]);
        var second = client.GetGrain<IVmiGrain>(ids[1]);
        await first.ApplyProfileAsync("even");
        var writes = hosts.VmiWrites.Passed(first.GetGrainId());

        // The second VMI's profile makes the host re-plan: the first moves to half the host and hears of it one-way.
        await second.ApplyProfileAsync("even");
        var told = await Eventually.GetAsync(first.GetAsync, v => Math.Abs((v.Allocation?.CpuShare ?? 0) - 0.5) < 1e-9,
            what: "the first VMI told of its half share");
        Assert.Equal(defer ? 0 : 1, hosts.VmiWrites.Passed(first.GetGrainId()) - writes);

        // Deactivation writes what was deferred; re-activated, the VMI still knows its share and why.
        await hosts.Cluster.DeactivateAsync(first);
        await hosts.Cluster.WaitForDeactivationAsync(first);
        Assert.Equal(1, hosts.VmiWrites.Passed(first.GetGrainId()) - writes);
        var again = await first.GetAsync();
        Assert.Equal(told.Allocation!.CpuShare, again.Allocation!.CpuShare, 9);
        var decisions = await first.GetDecisionsAsync();
        Assert.Contains(decisions, d => d.Kind == "allocation" && d.What.StartsWith("host rebalanced", StringComparison.Ordinal) && d.Reason.Contains(HostName, StringComparison.Ordinal));
    }
}
