using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Grains.Tests.Cluster;

namespace VmiGrains.Grains.Tests.Rollouts;

/// <summary>
/// Server-side rollouts in the three-silo cluster (soak 1 s, ticks every 200 ms): one completes wave by
/// wave; a version whose rule errors fails the canary's gate and rolls the canary back by itself; a
/// second rollout of a profile is refused naming the running one; pause, resume and rollback.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class RolloutTests(ClusterFixture fixture)
{
    private static string Profile(string id, bool v2, string? rule = null, string? gate = null) => $$"""
{
  "id": "{{id}}",
  "name": "Rollout test {{id}}",
  {{(gate is null ? string.Empty : $"\"rollout_gate\": {gate},")}}
  "resource_weights": {{(v2 ? """{ "cpu": 0.4, "ram": 0.2, "network": 0.2, "storage": 0.2 }""" : """{ "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 }""")}},
  {{(rule is null ? string.Empty : $$"""
  "behavioral_rules": [{ "name": "boom", "source": "{{rule}}" }],
  """)}}
  "evaluation_interval": "200ms"
}
""";

    /// <summary>Defines v1 and v2 of <paramref name="id"/> and attaches v1 to <paramref name="count"/> demo VMIs on both hosts.</summary>
    private async Task<List<string>> PrepareAsync(string id, int count, string? v2Rule = null, string? v2Gate = null)
    {
        var profile = fixture.Client.GetGrain<IProfileGrain>(id);
        await profile.DefineAsync(Profile(id, v2: false));
        var vmis = (await fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync())
            .Where(v => v.VmiId != ClusterFixture.GuestVmiId).GroupBy(v => v.Host).SelectMany(g => g.Take((count + 1) / 2)).Take(count).Select(v => v.VmiId).ToList();
        foreach (var vmi in vmis)
        {
            await fixture.Client.GetGrain<IVmiGrain>(vmi).ApplyProfileAsync(id, 1);
        }

        await Eventually.GetAsync(() => fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(profileId: id), l => l.Count == count, what: "the index lists the attached VMIs");
        await profile.DefineAsync(Profile(id, v2: true, v2Rule, v2Gate));
        return vmis;
    }

    private async Task DetachAsync(IEnumerable<string> vmis)
    {
        foreach (var vmi in vmis)
        {
            await fixture.Client.GetGrain<IVmiGrain>(vmi).DetachAsync();
        }
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var t in tags)
        {
            if (t.Key == key)
            {
                return t.Value as string;
            }
        }

        return null;
    }

    private static Task<RolloutView> UntilAsync(IRolloutGrain rollout, Func<RolloutView, bool> done, string what) =>
        Eventually.GetAsync(() => rollout.GetAsync(), done, TimeSpan.FromSeconds(60), what);

    [Fact]
    public async Task Start_HealthyVersion_CompletesWaveByWaveAndEveryVmiIsOnIt()
    {
        var vmis = await PrepareAsync("rollout-ok", 4);
        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-ok-1");
        var request = new RolloutRequest { ProfileId = "rollout-ok", BatchPercent = 25, Growth = 2 };

        var started = await rollout.StartAsync(request);
        var again = await rollout.StartAsync(request);
        var done = await UntilAsync(rollout, v => v.Finished, "the rollout finished");

        Assert.Equal(2, started.ToVersion);
        Assert.Equal(["canary", "wave 1", "wave 2"], started.Waves.Select(w => w.Name));
        Assert.Equal([1, 1, 2], started.Waves.Select(w => w.Vmis));
        Assert.Equal("rollout-ok-1", again.Id);
        Assert.Equal(RolloutStatus.Completed, done.Status);
        Assert.Equal(4, done.Switched);
        Assert.All(done.Waves, w => Assert.Equal(WaveStatus.Passed, w.Status));
        Assert.Equal(3, done.Decisions.Count(d => d.Kind == "rollout-gate" && d.What.EndsWith("gate passed", StringComparison.Ordinal)));
        Assert.Equal(["v1: 4"], done.FromVersions);
        foreach (var vmi in vmis)
        {
            var grain = fixture.Client.GetGrain<IVmiGrain>(vmi);
            Assert.Equal(2, (await grain.GetAsync()).ProfileVersion);
            Assert.Contains(await grain.GetDecisionsAsync(), d => d.Kind == "profile" && d.After == "rollout-ok v2" && d.Reason.StartsWith("rollout rollout-ok-1 ", StringComparison.Ordinal));
        }

        Assert.Contains(await fixture.Client.GetGrain<IRolloutCatalogGrain>(GrainKeys.Default).ListAsync(), v => v.Id == "rollout-ok-1" && v.Status == RolloutStatus.Completed);
        await DetachAsync(vmis);
    }

    [Fact]
    public async Task Resume_AfterAGateFailedBecauseAVmiCouldNotSwitch_SwitchesItNowAndGatesTheWaveAgain()
    {
        var vmis = await PrepareAsync("rollout-retry", 2); // one per host: the canary on demo-host-a, wave 1 on demo-host-b
        var listed = await fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(profileId: "rollout-retry");
        var late = listed.Single(v => v.Host == "demo-host-b");

        // Planned with both; then, while the canary soaks (3 s), wave 1's domain is "undefined" for the time being:
        // switching it is refused, as switching a VMI of a host that is down fails.
        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-retry-1");
        var started = await rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-retry", Canary = "1", BatchPercent = 100, Soak = TimeSpan.FromSeconds(3) });
        Assert.Equal(2, started.Total);
        await fixture.Client.GetGrain<Grains.Vmis.IVmiClusterGrain>(late.VmiId).DomainGoneAsync(late.Host);
        await Eventually.GetAsync(() => fixture.Client.GetGrain<IVmiGrain>(late.VmiId).GetAsync(), v => v.Gone is not null, what: "the VMI gone");
        Assert.Equal(WaveStatus.Pending, (await rollout.GetAsync()).Waves[1].Status);
        var paused = await UntilAsync(rollout, v => v.Status != RolloutStatus.Running, "wave 1's gate");

        Assert.Equal(RolloutStatus.Paused, paused.Status);
        Assert.Equal((WaveStatus.Failed, 0), (paused.Waves[1].Status, paused.Waves[1].Hosts.Single().Switched));
        Assert.Contains("its domain was undefined from host demo-host-b", paused.Waves[1].Hosts.Single().Errors.Single(), StringComparison.Ordinal);

        // The domain is back (the host's discovery registers it again); resume switches the VMI that did not switch.
        await fixture.Client.GetGrain<Grains.Hosts.IHypervisorClusterGrain>(late.Host).DiscoverAsync();
        await Eventually.GetAsync(() => fixture.Client.GetGrain<IVmiGrain>(late.VmiId).GetAsync(), v => v.Gone is null, what: "the VMI back");
        await rollout.ResumeAsync();
        var done = await UntilAsync(rollout, v => v.Status != RolloutStatus.Running, "the resumed rollout");

        Assert.Equal(RolloutStatus.Completed, done.Status);
        Assert.Equal((WaveStatus.Passed, 1), (done.Waves[1].Status, done.Waves[1].Hosts.Single().Switched));
        Assert.Contains(done.Decisions, d => d.Kind == "rollout-operator" && d.What == "wave 1: 1 of 1 VMI(s) had not switched; switching them again, then soaking and gating the wave again");
        Assert.Equal(2, done.Decisions.Count(d => d.Kind == "rollout-gate" && d.What is "wave 1 gate failed" or "wave 1 gate passed"));
        Assert.Equal(2, (await fixture.Client.GetGrain<IVmiGrain>(late.VmiId).GetAsync()).ProfileVersion);
        await DetachAsync(vmis);
    }

    [Fact]
    public async Task Start_WithALabelSelector_MovesOnlyTheVmisWhoseDomainLabelsMatch()
    {
        // Labels come from the domains' <metadata> in tests/fixtures/hosts: web-0x are tier=web, ci-runner-0x tier=ci.
        var fleet = fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default);
        var byName = (await fleet.ListVmisAsync()).ToDictionary(v => v.Name, v => v.VmiId);
        string[] names = ["web-01", "web-02", "ci-runner-01", "ci-runner-02"];
        var profile = fixture.Client.GetGrain<IProfileGrain>("rollout-label");
        await profile.DefineAsync(Profile("rollout-label", v2: false));
        foreach (var name in names)
        {
            await fixture.Client.GetGrain<IVmiGrain>(byName[name]).ApplyProfileAsync("rollout-label", 1);
        }

        await Eventually.GetAsync(() => fleet.ListVmisAsync(profileId: "rollout-label"), l => l.Count == 4, what: "the index lists the attached VMIs");
        await profile.DefineAsync(Profile("rollout-label", v2: true));
        var web01 = await fixture.Client.GetGrain<IVmiGrain>(byName["web-01"]).GetAsync();
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }, web01.Labels);
        Assert.Equal("web", (await fleet.ListVmisAsync(profileId: "rollout-label")).Single(v => v.Name == "web-02").Labels!["tier"]);

        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-label-1");
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-label", Selector = "tier=web,,x" }));
        Assert.Equal("selector", Assert.Single(bad.Errors).Path);
        await rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-label", Canary = "1", BatchPercent = 100, Selector = "tier=web" });
        var done = await UntilAsync(rollout, v => v.Finished, "the rollout finished");

        Assert.Equal(RolloutStatus.Completed, done.Status);
        Assert.Equal((2, 2), (done.Total, done.Switched));
        Assert.Contains("selector tier=web", done.Decisions[0].Reason, StringComparison.Ordinal);
        foreach (var name in names)
        {
            Assert.Equal(name.StartsWith("web-", StringComparison.Ordinal) ? 2 : 1, (await fixture.Client.GetGrain<IVmiGrain>(byName[name]).GetAsync()).ProfileVersion);
        }

        await DetachAsync(names.Select(n => byName[n]));
    }

    [Fact]
    public async Task Start_VersionWithAMetricGate_CpuRoseOnTheCanary_PausesAfterTheCanaryWithTheMetricsEvidence()
    {
        var vmis = await PrepareAsync("rollout-metric", 2, v2Gate: """{"metric": "cpu", "statistic": "max", "max_increase": 0.2}""");
        FeedbackBatch Cpu(double cpu) => new([new FeedbackSample { Cpu = cpu }], []);
        foreach (var vmi in vmis)
        {
            await fixture.Client.GetGrain<IVmiGrain>(vmi).IngestAsync(Cpu(0.1));
        }

        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-metric-1");
        var started = await rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-metric", Canary = "1", BatchPercent = 100, Soak = TimeSpan.FromSeconds(5) });
        Assert.Contains(started.Decisions, d => d.Kind == "rollout-start" && d.Reason.Contains("soak 5s", StringComparison.Ordinal) && d.Reason.EndsWith("metric gate cpu max", StringComparison.Ordinal));
        await UntilAsync(rollout, v => v.Waves[0].Status == WaveStatus.Soaking, "the canary soaking");
        string? canary = null;
        foreach (var vmi in vmis)
        {
            if ((await fixture.Client.GetGrain<IVmiGrain>(vmi).GetAsync()).ProfileVersion == 2)
            {
                canary = vmi;
            }
        }

        Assert.NotNull(canary);
        await fixture.Client.GetGrain<IVmiGrain>(canary).IngestAsync(Cpu(0.9)); // within the 5 s soak: the new version "uses more CPU"
        var paused = await UntilAsync(rollout, v => v.Status != RolloutStatus.Running, "the canary's gate");

        Assert.Equal(RolloutStatus.Paused, paused.Status);
        Assert.Equal(WaveStatus.Failed, paused.Waves[0].Status);
        Assert.Equal(WaveStatus.Pending, paused.Waves[1].Status);
        Assert.Contains("canary unhealthy by its metric: 1 VMI(s); 0 rule error(s)", paused.Waves[0].Gate, StringComparison.Ordinal);
        Assert.EndsWith("metric cpu max, mean of 1 of 1 VMI(s): 0.1 before, 0.9 at the gate (+0.8, +800 %), rose more than +0.2", paused.Waves[0].Gate, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Client.GetGrain<IVmiGrain>(vmis.Single(v => v != canary)).GetAsync()).ProfileVersion);
        await rollout.RollbackAsync();
        await UntilAsync(rollout, v => v.Status == RolloutStatus.RolledBack, "the canary back on v1");
        Assert.Equal(1, (await fixture.Client.GetGrain<IVmiGrain>(canary).GetAsync()).ProfileVersion);
        await DetachAsync(vmis);
    }

    [Fact]
    public async Task Start_AWaveOnAHost_IsCommittedByTheHostAsOneGroup_NoVmiOfTheWaveIsMovedByItsNeighbours()
    {
        var vmis = await PrepareAsync("rollout-group", 4);
        // A neighbour per host on another profile, so the wave's new weights move shares on both hosts.
        await fixture.Client.GetGrain<IProfileGrain>("rollout-group-other").DefineAsync(Profile("rollout-group-other", v2: false));
        var neighbours = (await fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync())
            .Where(v => v.VmiId != ClusterFixture.GuestVmiId && v.ProfileId is null && !vmis.Contains(v.VmiId))
            .GroupBy(v => v.Host).Select(g => g.First().VmiId).ToList();
        foreach (var vmi in neighbours)
        {
            await fixture.Client.GetGrain<IVmiGrain>(vmi).ApplyProfileAsync("rollout-group-other", 1);
        }

        long switchedMetric = 0;
        var waveDurations = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name is "vmigrains.rollout.vmis" or "vmigrains.rollout.wave.duration")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Tag(tags, "outcome") == "switched" && Tag(tags, "step") == "apply")
            {
                Interlocked.Add(ref switchedMetric, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref waveDurations));
        listener.Start();

        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-group-1");
        await rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-group", Canary = "100%" });
        var done = await UntilAsync(rollout, v => v.Finished, "the one-wave rollout finished");
        listener.Dispose();
        Assert.True(Interlocked.Read(ref switchedMetric) >= 4, $"vmigrains.rollout.vmis switched: {switchedMetric}");
        Assert.True(Volatile.Read(ref waveDurations) >= 1, "no vmigrains.rollout.wave.duration recorded");

        Assert.Equal(RolloutStatus.Completed, done.Status);
        Assert.Equal(4, done.Switched);
        Assert.Equal(2, Assert.Single(done.Waves).Hosts.Count);
        Assert.Equal(2, neighbours.Count);
        foreach (var vmi in vmis)
        {
            // In one group every VMI of the wave gets its allocation as its own claim's answer; a VMI that another
            // VMI's re-plan had moved first would also hold a "host rebalanced" notice naming the rollout.
            var decisions = await fixture.Client.GetGrain<IVmiGrain>(vmi).GetDecisionsAsync();
            var trail = string.Join("\n", decisions.Select(d => $"{d.Kind} | {d.What} | {d.Reason}"));
            Assert.True(decisions.Any(d => d.Kind == "allocation" && d.What == "allocation applied" && d.Reason.StartsWith("rollout rollout-group-1 ", StringComparison.Ordinal)), trail);
            Assert.False(decisions.Any(d => d.Kind == "allocation" && d.What.StartsWith("host rebalanced", StringComparison.Ordinal) && d.Reason.Contains("rollout rollout-group-1 ", StringComparison.Ordinal)), trail);
        }

        foreach (var vmi in neighbours)
        {
            // The neighbour is moved once, by the wave's one re-plan.
            var notices = (await fixture.Client.GetGrain<IVmiGrain>(vmi).GetDecisionsAsync())
                .Where(d => d.Kind == "allocation" && d.Reason.Contains("rollout rollout-group-1 ", StringComparison.Ordinal)).ToList();
            Assert.Equal("host rebalanced", Assert.Single(notices).What);
        }

        await DetachAsync(vmis.Concat(neighbours));
    }

    [Fact]
    public async Task Start_VersionWhoseRuleErrors_CanaryGateFailsAndAutoRollbackRestoresTheCanary()
    {
        var vmis = await PrepareAsync("rollout-bad", 3, v2Rule: "function on_tick(vmi) error('boom') end");
        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-bad-1");

        await rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-bad", AutoRollback = true });
        var done = await UntilAsync(rollout, v => v.Finished, "the rollout rolled back");

        Assert.Equal(RolloutStatus.RolledBack, done.Status);
        Assert.Equal(WaveStatus.RolledBack, done.Waves[0].Status);
        Assert.All(done.Waves.Skip(1), w => Assert.Equal(WaveStatus.Pending, w.Status));
        var gate = Assert.Single(done.Decisions, d => d.Kind == "rollout-gate");
        Assert.Equal("canary gate failed", gate.What);
        Assert.Contains("canary unhealthy: 1 of 1 VMI(s)", gate.Reason, StringComparison.Ordinal);
        Assert.Contains("rule error: ", gate.Reason, StringComparison.Ordinal);
        Assert.Contains("boom", gate.Reason, StringComparison.Ordinal);
        foreach (var vmi in vmis)
        {
            Assert.Equal(1, (await fixture.Client.GetGrain<IVmiGrain>(vmi).GetAsync()).ProfileVersion);
        }

        // Only the canary ever ran v2.
        var ran = 0;
        foreach (var vmi in vmis)
        {
            ran += (await fixture.Client.GetGrain<IVmiGrain>(vmi).GetDecisionsAsync()).Any(d => d.After == "rollout-bad v2") ? 1 : 0;
        }

        Assert.Equal(1, ran);
        await DetachAsync(vmis);
    }

    [Fact]
    public async Task Operations_SecondRolloutRefused_PauseResumeRollback()
    {
        var vmis = await PrepareAsync("rollout-ops", 3);
        var first = fixture.Client.GetGrain<IRolloutGrain>("rollout-ops-1");

        await first.StartAsync(new RolloutRequest { ProfileId = "rollout-ops", BatchPercent = 50 });
        var paused = await first.PauseAsync();
        var pausedAgain = await first.PauseAsync();
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            fixture.Client.GetGrain<IRolloutGrain>("rollout-ops-2").StartAsync(new RolloutRequest { ProfileId = "rollout-ops" }));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a soak and more: a paused rollout does not move
        var still = await first.GetAsync();
        await first.ResumeAsync();
        var done = await UntilAsync(first, v => v.Finished, "the resumed rollout finished");
        await first.RollbackAsync();
        var back = await UntilAsync(first, v => v.Status == RolloutStatus.RolledBack, "the rollout rolled back");

        Assert.Equal(RolloutStatus.Paused, paused.Status);
        Assert.Equal(RolloutStatus.Paused, pausedAgain.Status);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("profile", error.Path);
        Assert.Contains("rollout rollout-ops-1 of this profile is still running", error.Message, StringComparison.Ordinal);
        Assert.Contains("vmi rollout abort rollout-ops-1", error.Fix, StringComparison.Ordinal);
        Assert.Equal(RolloutStatus.Paused, still.Status);
        Assert.Equal(paused.Switched, still.Switched);
        Assert.Equal(RolloutStatus.Completed, done.Status);
        Assert.All(back.Waves, w => Assert.Equal(WaveStatus.RolledBack, w.Status));
        foreach (var vmi in vmis)
        {
            Assert.Equal(1, (await fixture.Client.GetGrain<IVmiGrain>(vmi).GetAsync()).ProfileVersion);
        }

        // Finished and released: a new rollout of the profile starts, and an unknown id is refused.
        var next = await fixture.Client.GetGrain<IRolloutGrain>("rollout-ops-3").StartAsync(new RolloutRequest { ProfileId = "rollout-ops", ToVersion = 1 });
        Assert.Equal(RolloutStatus.Completed, next.Status);
        Assert.Equal("id", Assert.Single((await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Client.GetGrain<IRolloutGrain>("nope").GetAsync())).Errors).Path);
        await DetachAsync(vmis);
    }

    [Fact]
    public async Task ProfileDelete_WhileARolloutRuns_RefusedNamingIt_AfterAbortTheForcedDeleteDetaches()
    {
        var vmis = await PrepareAsync("rollout-del", 2);
        var rollout = fixture.Client.GetGrain<IRolloutGrain>("rollout-del-1");
        await rollout.StartAsync(new RolloutRequest { ProfileId = "rollout-del", BatchPercent = 50 });
        await rollout.PauseAsync();
        var profile = fixture.Client.GetGrain<IProfileGrain>("rollout-del");

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => profile.DeleteAsync(force: true));
        var stillDefined = await profile.GetHistoryAsync();
        await rollout.AbortAsync();
        await profile.DeleteAsync(force: true);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("profile", error.Path);
        Assert.Equal("rollout rollout-del-1 of this profile is still running", error.Message);
        Assert.Contains("vmi rollout abort rollout-del-1", error.Fix, StringComparison.Ordinal);
        Assert.Equal(2, stillDefined.Count);
        foreach (var vmi in vmis)
        {
            Assert.Null((await fixture.Client.GetGrain<IVmiGrain>(vmi).GetAsync()).ProfileId);
        }
    }
}
