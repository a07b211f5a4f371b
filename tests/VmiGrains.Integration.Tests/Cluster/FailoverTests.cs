using System.Diagnostics;
using System.Text.Json;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using Xunit.Abstractions;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// kill -9 of a silo: its VMI grains come back elsewhere with their state and carry out pending
/// undo records; its host is reported down, then up again when the silo restarts.
/// </summary>
[Collection(SiloClusterDefinition.Name)]
public sealed class FailoverTests(SiloCluster cluster, ITestOutputHelper output)
{
    private const string Flash = """
        {"id":"flash","name":"Flash","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"200ms",
         "behavioral_rules":"function on_event(vmi, e)\n  if e.name == 'boost' then return set_weight('cpu', 0.9, { ttl = 2 }) end\nend"}
        """;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private static readonly FeedbackBatch Boost = new([], [new FeedbackEvent("boost", new Dictionary<string, string>(), null)]);

    [Fact]
    public async Task KillSilo_VmisMoveWithStateAndUndo_HostDownThenUpAgain()
    {
        var client = cluster.Client;
        var management = client.GetGrain<IManagementGrain>(0);
        await client.GetGrain<IProfileGrain>("flash").DefineAsync(Flash);

        // The victim: a silo holding grains of VMIs that belong to other hosts, so they must move.
        var (victim, victimAddress, vmis) = await ChooseVictimAsync(management);
        var host = victim.Host;
        var vmisOnHost = (await client.GetGrain<IHypervisorGrain>(host).GetSummaryAsync()).Vmis;
        foreach (var vmi in vmis)
        {
            await vmi.ApplyProfileAsync("flash");
            await vmi.IngestAsync(Boost);
        }

        foreach (var vmi in vmis)
        {
            Assert.Equal(victimAddress, await management.GetActivationAddress(vmi));
        }

        var before = new List<(VmiView View, IReadOnlyList<Decision> Decisions)>();
        foreach (var vmi in vmis)
        {
            before.Add((await vmi.GetAsync(), await vmi.GetDecisionsAsync()));
        }

        Assert.All(before, b => Assert.Equal(0.9, b.View.EffectiveWeights!.Cpu));
        Assert.All(before, b => Assert.Equal("weight-override", Assert.Single(b.View.UndoRecords).Kind));

        var clock = Stopwatch.StartNew();
        victim.Kill();
        try
        {
            // Short probe timeouts: a call that went to the dead silo must not stall the measurement.
            await Eventually.GetAsync(() => management.GetHosts(onlyActive: true).WaitAsync(ProbeTimeout), h => !h.ContainsKey(victimAddress), TimeSpan.FromSeconds(60), "killed silo declared dead");
            var declaredDead = clock.Elapsed;
            await Eventually.GetAsync(() => vmis[0].GetAsync().WaitAsync(ProbeTimeout), _ => true, TimeSpan.FromSeconds(60), "moved VMI answers");
            var firstAnswer = clock.Elapsed;
            output.WriteLine($"failover ({host}, {vmis.Count} VMI grains): killed silo declared dead after {declaredDead.TotalSeconds:F2} s; its VMI answered again after {firstAnswer.TotalSeconds:F2} s");

            for (var i = 0; i < vmis.Count; i++)
            {
                var after = await Eventually.GetAsync(vmis[i].GetAsync, v => v.UndoRecords.Count == 0, TimeSpan.FromSeconds(30), "pending undo carried out");
                var decisions = await vmis[i].GetDecisionsAsync();
                Assert.NotEqual(victimAddress, await management.GetActivationAddress(vmis[i]));
                Assert.Equal((before[i].View.ProfileId, before[i].View.ProfileVersion), (after.ProfileId, after.ProfileVersion));
                Assert.Equal(before[i].View.Host, after.Host);
                Assert.Equal(0.25, after.EffectiveWeights!.Cpu);
                Assert.Equal(before[i].Decisions, decisions.Take(before[i].Decisions.Count));
                Assert.Contains(decisions, d => d.Kind == "undo" && d.Reason is "re-activation" or "expired");
            }

            var down = await Eventually.GetAsync(
                () => Unavailable(client.GetGrain<IHypervisorGrain>(host)), ex => ex is not null, TimeSpan.FromSeconds(30), "host grain fails fast");
            Assert.Equal(host, down!.Host);
            Assert.Contains(host, down.Message, StringComparison.Ordinal);
            var listed = await VmiCli.RunAsync(cluster, "--redis", cluster.Redis, "host", "list", "-o", "json");
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            Assert.False(HostAvailable(listed.Stdout, host));
            Assert.All(SiloCluster.Hosts.Where(h => h != host), h => Assert.True(HostAvailable(listed.Stdout, h)));
        }
        finally
        {
            await victim.StartAsync();
        }

        var summary = await Eventually.GetAsync(client.GetGrain<IHypervisorGrain>(host).GetSummaryAsync, s => s.Available, TimeSpan.FromSeconds(60), "host back");
        Assert.Equal(vmisOnHost, summary.Vmis);
        var relisted = await VmiCli.RunAsync(cluster, "--gateway", $"127.0.0.1:{victim.GatewayPort}", "host", "list", "-o", "json");
        Assert.True(relisted.ExitCode == 0, relisted.Stderr);
        Assert.True(HostAvailable(relisted.Stdout, host));
    }

    /// <summary>
    /// The silo holding the most grains of VMIs that belong to other hosts (at most two of them). When
    /// placement left no such grain anywhere, two VMIs of other hosts are live-migrated onto host c's silo.
    /// </summary>
    private async Task<(SiloProcess Silo, SiloAddress Address, List<IVmiGrain> Vmis)> ChooseVictimAsync(IManagementGrain management)
    {
        var silos = (await management.GetHosts(onlyActive: true)).Keys.ToList();
        var byPort = cluster.Silos.ToDictionary(s => s.SiloPort);
        var foreign = new List<(SiloProcess Silo, SiloAddress Address, IVmiGrain Vmi)>();
        foreach (var item in await cluster.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync())
        {
            var vmi = cluster.Client.GetGrain<IVmiGrain>(item.VmiId);
            await vmi.GetAsync();
            if (await management.GetActivationAddress(vmi) is { } at && byPort.TryGetValue(at.Endpoint.Port, out var silo) && silo.Host != item.Host)
            {
                foreign.Add((silo, at, vmi));
            }
        }

        if (foreign.Count > 0)
        {
            var best = foreign.GroupBy(f => f.Address).OrderByDescending(g => g.Count()).First();
            return (best.First().Silo, best.Key, [.. best.Take(2).Select(f => f.Vmi)]);
        }

        var victim = cluster.Silo("demo-host-c");
        var address = silos.Single(s => s.Endpoint.Port == victim.SiloPort);
        var moved = new List<IVmiGrain>();
        foreach (var name in new[] { "web-02", "ml-train-02" })
        {
            var vmi = cluster.Client.GetGrain<IVmiGrain>(await cluster.VmiAsync(name));
            RequestContext.Set(IPlacementDirector.PlacementHintKey, address);
            try
            {
                await vmi.Cast<IGrainManagementExtension>().MigrateOnIdle();
            }
            finally
            {
                RequestContext.Clear();
            }

            await Eventually.GetAsync(async () => await management.GetActivationAddress(vmi), a => a == address, TimeSpan.FromSeconds(30), $"VMI {name} moved to {address}");
            moved.Add(vmi);
        }

        return (victim, address, moved);
    }

    private static async Task<HypervisorUnavailableException?> Unavailable(IHypervisorGrain host)
    {
        try
        {
            await host.GetSummaryAsync();
            return null;
        }
        catch (HypervisorUnavailableException ex)
        {
            return ex;
        }
    }

    private static bool HostAvailable(string json, string host) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Single(h => h.GetProperty("name").GetString() == host).GetProperty("available").GetBoolean();
}
