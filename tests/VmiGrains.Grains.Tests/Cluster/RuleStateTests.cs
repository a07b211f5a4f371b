using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary><c>vmi.state</c> survives the VMI grain's deactivation: a "do once" rule does not fire again.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class RuleStateTests(ClusterFixture fixture)
{
    private const string Counter = """
{
  "id": "count-once",
  "name": "Count once",
  "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
  "behavioral_rules": [
    { "name": "once",
      "source": "function on_tick(vmi)\n  vmi.state.n = (vmi.state.n or 0) + 1\n  if vmi.state.n == 3 then return emit('third_tick', {}) end\nend" }
  ],
  "evaluation_interval": "200ms"
}
""";

    [Fact]
    public async Task RuleState_GrainDeactivatedAndBack_ContinuesInsteadOfStartingOver()
    {
        await fixture.Client.GetGrain<IProfileGrain>("count-once").DefineAsync(Counter);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ml-train-01"));
        await vmi.ApplyProfileAsync("count-once");
        await Eventually.GetAsync(() => vmi.GetDecisionsAsync(), d => d.Any(x => x.Kind == "emit"), TimeSpan.FromSeconds(20), "the third tick emitted");

        await fixture.Cluster.DeactivateAsync(vmi);
        await fixture.Cluster.WaitForDeactivationAsync(vmi);
        _ = await vmi.GetAsync(); // re-activates; ticks resume from the stored counter
        await Task.Delay(TimeSpan.FromSeconds(2)); // ten ticks: a counter that started over would pass 3 again

        var emits = (await vmi.GetDecisionsAsync()).Count(d => d.Kind == "emit");
        await vmi.DetachAsync();
        await fixture.Client.GetGrain<IProfileGrain>("count-once").DeleteAsync(force: true);
        Assert.Equal(1, emits);
    }
}
