using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// A disabled rule is disabled for its profile, version and name: single-script rules are all named
/// <c>main</c>, and another profile's <c>main</c> — or a new version of the same profile — runs.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class RuleHealthKeyTests(ClusterFixture fixture)
{
    private static string SingleScript(string id, string source) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = id,
        ["name"] = id,
        ["resource_weights"] = new Dictionary<string, double> { ["cpu"] = 0.25, ["ram"] = 0.25, ["network"] = 0.25, ["storage"] = 0.25 },
        ["behavioral_rules"] = source,
        ["evaluation_interval"] = "100ms",
    });

    [Fact]
    public async Task MainDisabledOnProfileA_ProfileBsMainAndAv2Run_ShowNamesProfileAndVersion()
    {
        var a = fixture.Client.GetGrain<IProfileGrain>("health-a");
        await a.DefineAsync(SingleScript("health-a", "function on_tick(vmi) error('a is broken') end"));
        await fixture.Client.GetGrain<IProfileGrain>("health-b").DefineAsync(SingleScript("health-b", "function on_tick(vmi) return log('b main ran') end"));
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("db-01"));
        await vmi.ApplyProfileAsync("health-a");

        var disabled = await Eventually.GetAsync(() => vmi.GetAsync(), v => v.DisabledRules.Count == 1, TimeSpan.FromSeconds(30), "main of health-a disabled");
        Assert.StartsWith("main of health-a v1: ", disabled.DisabledRules[0], StringComparison.Ordinal);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "rule-disabled" && d.What == "rule main of health-a v1 disabled after 5 failures in a row");

        // Profile B's rule of the same name is not the disabled one: it runs, and nothing is listed as disabled.
        await vmi.ApplyProfileAsync("health-b");
        Assert.Empty((await vmi.GetAsync()).DisabledRules);
        await Eventually.GetAsync(() => vmi.GetDecisionsAsync(), log => log.Any(d => d.Kind == "log" && d.What == "b main ran" && d.Reason.StartsWith("rule main of health-b v1", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "main of health-b ran");

        // A new version of A starts with its own, healthy main.
        var v2 = await a.DefineAsync(SingleScript("health-a", "function on_tick(vmi) return log('a v2 main ran') end"));
        await vmi.ApplyProfileAsync("health-a", v2.Version);
        await Eventually.GetAsync(() => vmi.GetDecisionsAsync(), log => log.Any(d => d.Kind == "log" && d.What == "a v2 main ran"),
            TimeSpan.FromSeconds(30), "main of health-a v2 ran");
        Assert.Empty((await vmi.GetAsync()).DisabledRules);

        await vmi.DetachAsync();
    }
}
