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
    private const string Victim = "demo-host-c";

    private const string Flash = """
        {"id":"flash","name":"Flash","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"200ms",
         "behavioral_rules":"function on_event(vmi, e)\n  if e.name == 'boost' then return set_weight('cpu', 0.9, { ttl = 2 }) end\nend"}
        """;

    private static readonly FeedbackBatch Boost = new([], [new FeedbackEvent("boost", new Dictionary<string, string>(), null)]);

    [Fact]
    public async Task KillSilo_VmisMoveWithStateAndUndo_HostDownThenUpAgain()
    {
        var client = cluster.Client;
        var management = client.GetGrain<IManagementGrain>(0);
        var victim = cluster.Silo(Victim);
        var victimAddress = (await management.GetHosts(onlyActive: true)).Keys.Single(s => s.Endpoint.Port == victim.SiloPort);
        await client.GetGrain<IProfileGrain>("flash").DefineAsync(Flash);

        // Two VMIs of the victim's host: their grains live on its silo (VMI grains are placed where
        // their host's grain first calls them), so killing the silo moves them and takes the host down.
        var vmis = new List<IVmiGrain>();
        foreach (var name in new[] { "edge-01", "edge-02" })
        {
            var vmi = client.GetGrain<IVmiGrain>(await cluster.VmiAsync(name));
            if (await management.GetActivationAddress(vmi) != victimAddress)
            {
                await MoveAsync(management, vmi, victimAddress);
            }

            await vmi.ApplyProfileAsync("flash");
            await vmi.IngestAsync(Boost);
            vmis.Add(vmi);
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
            await Eventually.GetAsync(() => management.GetHosts(onlyActive: true), h => !h.ContainsKey(victimAddress), TimeSpan.FromSeconds(60), "killed silo declared dead");
            var declaredDead = clock.Elapsed;
            await Eventually.GetAsync(vmis[0].GetAsync, _ => true, TimeSpan.FromSeconds(60), "moved VMI answers");
            var firstAnswer = clock.Elapsed;
            output.WriteLine($"failover: killed silo declared dead after {declaredDead.TotalSeconds:F2} s; its VMI answered again after {firstAnswer.TotalSeconds:F2} s");

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
                () => Unavailable(client.GetGrain<IHypervisorGrain>(Victim)), ex => ex is not null, TimeSpan.FromSeconds(30), "host grain fails fast");
            Assert.Equal(Victim, down!.Host);
            Assert.Contains(Victim, down.Message, StringComparison.Ordinal);
            var listed = await VmiCli.RunAsync(cluster, "--redis", cluster.Redis, "host", "list", "-o", "json");
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            Assert.False(HostAvailable(listed.Stdout, Victim));
            Assert.True(HostAvailable(listed.Stdout, "demo-host-a"));

            // The VMIs say so too, without anyone having called their host since (it was true before the kill).
            foreach (var view in await Task.WhenAll(vmis.Select(v => v.GetAsync())))
            {
                Assert.True(view.Host == Victim && !view.HostAvailable, $"{view.Name} on {view.Host}: host_available {view.HostAvailable} while host {Victim} is down");
            }
        }
        finally
        {
            await victim.StartAsync();
        }

        var summary = await Eventually.GetAsync(client.GetGrain<IHypervisorGrain>(Victim).GetSummaryAsync, s => s.Available, TimeSpan.FromSeconds(60), "host back");
        Assert.Equal(3, summary.Vmis);
        var relisted = await VmiCli.RunAsync(cluster, "--gateway", $"127.0.0.1:{victim.GatewayPort}", "host", "list", "-o", "json");
        Assert.True(relisted.ExitCode == 0, relisted.Stderr);
        Assert.True(HostAvailable(relisted.Stdout, Victim));
        await Eventually.GetAsync(vmis[0].GetAsync, v => v.HostAvailable, TimeSpan.FromSeconds(30), "host_available again");
    }

    /// <summary>Live-migrates a grain to <paramref name="target"/> (placement hint + migrate on idle) and waits until it is there.</summary>
    private static async Task MoveAsync(IManagementGrain management, IVmiGrain vmi, SiloAddress target)
    {
        // Migration happens when the grain is idle; a busy grain (its rule timer) may miss a request,
        // so ask again until it is there.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (await management.GetActivationAddress(vmi) != target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"VMI grain did not move to {target}");
            }

            RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
            try
            {
                await vmi.Cast<IGrainManagementExtension>().MigrateOnIdle();
            }
            finally
            {
                RequestContext.Clear();
            }

            await Task.Delay(500);
        }

        await vmi.GetAsync();
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
