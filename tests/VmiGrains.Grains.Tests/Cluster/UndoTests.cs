using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>Temporary changes are durable and undone on expiry, on switch, and after a crash.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class UndoTests(ClusterFixture fixture)
{
    private const string Flash = """
        {"id":"flash","name":"Flash","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"200ms",
         "behavioral_rules":"function on_event(vmi, e)\n  if e.name == 'boost' then return set_weight('cpu', 0.9, { ttl = tonumber(e.fields.ttl) }) end\nend"}
        """;

    private static FeedbackBatch Boost(int ttlSeconds) =>
        new([], [new FeedbackEvent("boost", new Dictionary<string, string> { ["ttl"] = ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null)]);

    private async Task<IVmiGrain> FlashVmiAsync(string name)
    {
        await fixture.Client.GetGrain<IProfileGrain>("flash").DefineAsync(Flash);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync(name));
        await vmi.ApplyProfileAsync("flash");
        return vmi;
    }

    [Fact]
    public async Task SetWeightWithTtl_IsUndoneOnExpiry()
    {
        var vmi = await FlashVmiAsync("web-01");

        await vmi.IngestAsync(Boost(5)); // long enough that "during" is read before it expires, even on a loaded machine
        var during = await vmi.GetAsync();
        var after = await Eventually.GetAsync(vmi.GetAsync, v => v.UndoRecords.Count == 0, what: "override expired");

        Assert.Equal(0.9, during.EffectiveWeights!.Cpu);
        Assert.Equal("weight-override", Assert.Single(during.UndoRecords).Kind);
        Assert.Equal(0.25, after.EffectiveWeights!.Cpu);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "undo" && d.Reason == "expired");
    }

    [Fact]
    public async Task ProfileSwitch_UndoesTheOldProfilesOverrides()
    {
        var vmi = await FlashVmiAsync("render-01");
        await vmi.IngestAsync(Boost(600));

        await vmi.ApplyProfileAsync("high-performance-rendering");

        var view = await vmi.GetAsync();
        Assert.Empty(view.UndoRecords);
        Assert.Equal(0.55, view.EffectiveWeights!.Cpu);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "undo" && d.Reason == "switch to high-performance-rendering");
    }

    [Fact]
    public async Task SiloKilled_PendingUndoIsCarriedOutWhenTheGrainReactivates()
    {
        var vmi = await FlashVmiAsync("db-02");
        var controlPlane = fixture.Cluster.Silos.First(s => fixture.HostOf(s) is null);
        await fixture.Cluster.MigrateAsync(vmi, controlPlane.SiloAddress);
        await vmi.IngestAsync(Boost(10)); // outlives the read below under load; expires while the silo is down or soon after
        Assert.Single((await vmi.GetAsync()).UndoRecords);

        await fixture.Cluster.KillSiloAsync(controlPlane);
        await fixture.Cluster.WaitForLivenessToStabilizeAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        // The record survived the crash in storage; the new activation undoes it.
        var view = await Eventually.GetAsync(vmi.GetAsync, v => v.UndoRecords.Count == 0, TimeSpan.FromSeconds(60), "override undone after the crash");
        Assert.Equal(0.25, view.EffectiveWeights!.Cpu);
        Assert.Equal("flash", view.ProfileId);
        var undo = Assert.Single(await vmi.GetDecisionsAsync(), d => d.Kind == "undo");
        Assert.Contains(undo.Reason, new[] { "re-activation", "expired" });

        fixture.NextSiloManages(null);
        await fixture.Cluster.StartAdditionalSiloAsync();
    }
}
