using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>Restarting every silo in turn loses no profile, version, assignment or decision.</summary>
[Collection(SiloClusterDefinition.Name)]
public sealed class RollingRestartTests(SiloCluster cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Steady = """
        {"id":"it-steady","name":"Steady","resource_weights":{"cpu":0.3,"ram":0.3,"network":0.2,"storage":0.2}}
        """;

    [Fact]
    public async Task RollingRestart_AllThreeSilos_LosesNothing()
    {
        // Something attached on every host, so every silo's storage matters. Profiles without
        // on_tick rules: a rule that switches profiles would change assignments by design.
        await cluster.Client.GetGrain<IProfileGrain>("it-steady").DefineAsync(Steady);
        await cluster.Client.GetGrain<IProfileGrain>("it-steady").DefineAsync(Steady.Replace("\"Steady\"", "\"Steady v2\"", StringComparison.Ordinal));
        foreach (var (vmi, profile) in new[] { ("render-01", "it-steady"), ("db-02", "security-audit"), ("batch-01", "it-steady") })
        {
            await cluster.Client.GetGrain<IVmiGrain>(await cluster.VmiAsync(vmi)).ApplyProfileAsync(profile);
        }

        var before = await SnapshotAsync();
        Assert.True(before.Assignments.Count >= 3);

        foreach (var silo in cluster.Silos)
        {
            await silo.StopAsync();
            await silo.StartAsync();
            await cluster.WaitForHostsAsync();
        }

        var after = await SnapshotAsync();
        output.WriteLine("before:\n  " + string.Join("\n  ", before.Profiles.Concat(before.Assignments)));
        output.WriteLine("after:\n  " + string.Join("\n  ", after.Profiles.Concat(after.Assignments)));
        Assert.Equal(before.Profiles, after.Profiles);
        Assert.Equal(before.Assignments, after.Assignments);
        foreach (var (vmi, decisions) in before.Decisions)
        {
            // Rebalancing after a restart may add decisions; none may go missing. Host rebalances in quick
            // succession share one entry (its count and time move on), so the last one may have been updated.
            var kept = decisions.Count > 0 && IsRebalance(decisions[^1]) ? decisions.Count - 1 : decisions.Count;
            Assert.Equal(decisions.Take(kept), after.Decisions[vmi].Take(kept));
            if (kept < decisions.Count)
            {
                var updated = after.Decisions[vmi][kept];
                Assert.True(IsRebalance(updated) && updated.Time >= decisions[^1].Time, $"{vmi}: the rebalance entry {decisions[^1]} became {updated}");
            }
        }
    }

    private static bool IsRebalance(Abstractions.Model.Decision d) => d.Kind == "allocation" && d.What.StartsWith("host rebalanced", StringComparison.Ordinal);

    private async Task<Snapshot> SnapshotAsync()
    {
        var client = cluster.Client;
        var profiles = new List<string>();
        foreach (var p in (await client.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ListAsync()).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var history = await client.GetGrain<IProfileGrain>(p.Id).GetHistoryAsync();
            profiles.Add($"{p.Id} v{p.LatestVersion} versions={history.Count} vmis={p.AttachedVmis}");
        }

        var assignments = new List<string>();
        var decisions = new Dictionary<string, IReadOnlyList<Abstractions.Model.Decision>>(StringComparer.Ordinal);
        foreach (var v in await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync())
        {
            var vmi = client.GetGrain<IVmiGrain>(v.VmiId);
            var view = await vmi.GetAsync();
            decisions[v.VmiId] = await vmi.GetDecisionsAsync();
            if (view.ProfileId is not null)
            {
                assignments.Add($"{view.Name}@{view.Host}: {view.ProfileId} v{view.ProfileVersion}");
            }
        }

        return new Snapshot(profiles, [.. assignments.Order(StringComparer.Ordinal)], decisions);
    }

    private sealed record Snapshot(List<string> Profiles, List<string> Assignments, Dictionary<string, IReadOnlyList<Abstractions.Model.Decision>> Decisions);
}
