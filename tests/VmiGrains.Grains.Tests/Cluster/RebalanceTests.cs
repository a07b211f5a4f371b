using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>Weighted fair shares on a real host, and no flapping under noisy telemetry.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class RebalanceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TwoHungryVmis_CpuSharesFollowProfileWeights()
    {
        var ml = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ml-train-01"));
        var ci = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ci-runner-02"));
        await ml.ApplyProfileAsync("ml-training");       // cpu 0.40, ram 0.35
        await ci.ApplyProfileAsync("minimal-footprint"); // cpu 0.25, ram 0.25

        // Neither has reported telemetry, so both want all they can get: shares follow the weights.
        var allocations = await Eventually.GetAsync(
            () => fixture.Client.GetGrain<IHypervisorGrain>(ClusterFixture.HostB).GetAllocationsAsync(),
            a => a.Count >= 2 && Math.Abs((a[ml.GetPrimaryKeyString()].CpuShare / a[ci.GetPrimaryKeyString()].CpuShare) - 1.6) < 1e-6,
            what: "weighted shares");

        var mlShare = allocations[ml.GetPrimaryKeyString()];
        var ciShare = allocations[ci.GetPrimaryKeyString()];
        // Memory and the link are not contended: weights do not cap them, both keep their maximum.
        Assert.Empty(mlShare.Caps ?? []);
        Assert.Empty(ciShare.Caps ?? []);
        Assert.Equal(1.0, mlShare.NetworkShare);
        Assert.True(allocations.Values.Sum(a => a.CpuShare) <= 1.0 + 1e-9, "shares of a host never add up to more than the host");
        Assert.True(mlShare.BlkioWeight > ciShare.BlkioWeight || mlShare.StorageShare <= ciShare.StorageShare);
    }

    [Fact]
    public async Task NoisyTelemetry_DoesNotMakeAllocationsFlap()
    {
        const string steady = """{"id":"steady","name":"Steady","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"200ms"}""";
        await fixture.Client.GetGrain<IProfileGrain>("steady").DefineAsync(steady);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ci-runner-01"));
        await vmi.ApplyProfileAsync("steady");
        var random = new Random(7);

        // Settle on a demand of about half the VMI's CPUs.
        await vmi.IngestAsync(new FeedbackBatch([.. Enumerable.Range(0, 20).Select(_ => new FeedbackSample { Cpu = 0.5, Mem = 0.4 })], []));
        await Task.Delay(1500);
        var before = (await vmi.GetDecisionsAsync()).Count(d => d.Kind == "allocation");

        // Eight seconds of ±4 % noise, five samples a second, with rules ticking every 200 ms.
        for (var i = 0; i < 40; i++)
        {
            var noise = (random.NextDouble() - 0.5) * 0.08;
            await vmi.IngestAsync(new FeedbackBatch([new FeedbackSample { Cpu = 0.5 * (1 + noise), Mem = 0.4 * (1 - noise) }], []));
            await Task.Delay(200);
        }

        var after = (await vmi.GetDecisionsAsync()).Count(d => d.Kind == "allocation");
        Assert.True(after - before <= 1, $"{after - before} allocation changes under noise; at most one expected");
    }
}
