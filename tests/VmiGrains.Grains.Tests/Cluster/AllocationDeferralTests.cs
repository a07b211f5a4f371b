using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// A VMI whose new allocation the host holds back (here: the minimum dwell after its attach) hears of it in its
/// own decisions — once per deferral, not once per re-plan it waits through — and the decisions of the VMIs
/// that moved are not the only place that says so.
/// </summary>
public sealed class AllocationDeferralTests : IAsyncLifetime
{
    private const string HostName = "deferral-host";
    private GeneratedHosts _hosts = null!;
    private IReadOnlyList<string> _ids = [];

    [Fact]
    public async Task ContendedHost_VmisWithinTheirDwell_EachRecordsOneDeferralSayingWhy()
    {
        // Attached on an idle host (every VMI gets its 4 GiB), then 93 % of the 12 GiB in use: the balloons must come
        // down, but each VMI's knobs changed at its attach, within the hour of dwell.
        foreach (var id in _ids)
        {
            var vmi = _hosts.Client.GetGrain<IVmiGrain>(id);
            await vmi.ApplyProfileAsync("steady");
            await vmi.IngestAsync(new FeedbackBatch([.. Enumerable.Range(0, 10).Select(_ => new FeedbackSample { Cpu = 0.5, Mem = 0.7 })], []));
        }

        var deferredAt = new Dictionary<string, DateTimeOffset>();
        foreach (var id in _ids)
        {
            var deferral = await Eventually.GetAsync(async () => (await _hosts.Client.GetGrain<IVmiGrain>(id).GetDecisionsAsync()).Where(d => d.Kind == "allocation-deferred").ToList(),
                d => d.Count > 0, TimeSpan.FromSeconds(30), $"{id}: an allocation-deferred decision");
            Assert.StartsWith($"host {HostName} held back a new allocation: minimum dwell: knobs changed", deferral[0].Reason, StringComparison.Ordinal);
            Assert.Equal($"host {HostName}", deferral[0].Caller);
            deferredAt[id] = deferral[0].Time;
        }

        // Ten more re-plans (200 ms each) while every VMI still waits: no new deferral decision, and no new allocation.
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var id in _ids)
        {
            var decisions = await _hosts.Client.GetGrain<IVmiGrain>(id).GetDecisionsAsync();
            Assert.Single(decisions, d => d.Kind == "allocation-deferred");
            Assert.DoesNotContain(decisions, d => d.Kind == "allocation" && d.Time > deferredAt[id]);
        }
    }

    public async Task InitializeAsync()
    {
        _hosts = await GeneratedHosts.StartAsync([HostName], 4, new Dictionary<string, string?>
        {
            ["VmiGrains:Host:RebalanceInterval"] = "00:00:00.200",
            ["VmiGrains:Host:Cooldown"] = "00:00:00",
            ["VmiGrains:Host:Allocation:MinimumDwell"] = "01:00:00",
            ["VmiGrains:Host:MemoryFloorMiB"] = "16",
        }, hostMemoryKiB: 12UL * 1024 * 1024);
        await _hosts.Client.GetGrain<IProfileGrain>("steady").DefineAsync(
            """{"id":"steady","name":"Steady","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        _ids = await _hosts.Client.GetGrain<IHypervisorClusterGrain>(HostName).DiscoverAsync();
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();
}
