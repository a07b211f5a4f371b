using System.Text.Json;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Rollouts;
using VmiGrains.Grains.Tests.Cluster;

namespace VmiGrains.Grains.Tests.Rollouts;

/// <summary>
/// Issue 17, what-if before rollout: <c>IRolloutWhatIfGrain</c> replays the VMIs a rollout would move
/// through the new version's rules (the cluster's Lua engine, each VMI's own windows and events) and
/// counts what they would do — and changes nothing: no VMI's profile, version, allocation, weights,
/// undo records, decisions or events, no rollout, no claim of the profile, nothing in the index.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class RolloutWhatIfTests(ClusterFixture fixture)
{
    private const string Id = "whatif";

    private static string Profile(bool v2) => $$"""
{
  "id": "{{Id}}",
  "name": "What-if test",
  "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
  {{(v2 ? """
  "behavioral_rules": [
    { "name": "lockdown", "source": "function on_tick(vmi)\n  if vmi.window('1m').mem.avg > 0.95 then return switch_profile('whatif-locked') end\nend" },
    { "name": "deploy", "source": "function on_event(vmi, e)\n  if e.name == 'deploy' then return set_weight('cpu', 0.9) end\nend" },
    { "name": "crash", "source": "function on_event(vmi, e)\n  if e.name == 'crash' then error('boom') end\nend" }
  ],
  """ : string.Empty)}}
  "evaluation_interval": "1s"
}
""";

    /// <summary>Everything of a VMI a dry-run could change, as text (window statistics move with the clock and are left out).</summary>
    private async Task<(string Stored, string Events)> SnapshotAsync(string vmi)
    {
        var grain = fixture.Client.GetGrain<IVmiGrain>(vmi);
        var view = await grain.GetAsync() with { Metrics = [] };
        var decisions = await grain.GetDecisionsAsync();
        return (JsonSerializer.Serialize(new { view, decisions }), JsonSerializer.Serialize(await grain.GetEventsAsync()));
    }

    [Fact]
    public async Task WhatIf_VersionThatSwitchesSome_CountsEachEffect_AndChangesNothing()
    {
        var names = new[] { "web-01", "ml-train-01", "web-02", "ml-train-02", "ci-runner-02" };
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ids[name] = await fixture.VmiAsync(name);
        }

        // The fixture's VMIs carry other tests' decisions: only this test's are looked at below.
        var started = DateTimeOffset.UtcNow;
        var profile = fixture.Client.GetGrain<IProfileGrain>(Id);
        await profile.DefineAsync(Profile(v2: false));
        foreach (var name in names[..4])
        {
            var vmi = fixture.Client.GetGrain<IVmiGrain>(ids[name]);
            await fixture.Cluster.DeactivateAsync(vmi); // the event stream is in memory: a fresh one holds only this test's events
            await fixture.Cluster.WaitForDeactivationAsync(vmi);
            await vmi.ApplyProfileAsync(Id, 1);
        }

        await profile.DefineAsync(Profile(v2: true));
        await fixture.Client.GetGrain<IVmiGrain>(ids["ci-runner-02"]).ApplyProfileAsync(Id, 2);
        await Eventually.GetAsync(() => fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(profileId: Id), l => l.Count == 5, what: "the index lists the five VMIs");
        try
        {
            // High memory 16-20 s ago: in the 1m window v2's rule reads, out of the default window the host's demand estimate reads (no claim, no re-plan).
            var now = DateTimeOffset.UtcNow;
            FeedbackSample[] hot = [.. Enumerable.Range(16, 5).Select(s => new FeedbackSample { Timestamp = now.AddSeconds(-s), Mem = 0.97 })];
            await fixture.Client.GetGrain<IVmiGrain>(ids["web-01"]).IngestAsync(new FeedbackBatch(hot, []));
            await fixture.Client.GetGrain<IVmiGrain>(ids["ml-train-01"]).IngestAsync(new FeedbackBatch(hot, []));
            await fixture.Client.GetGrain<IVmiGrain>(ids["web-02"]).IngestAsync(new FeedbackBatch([], [new FeedbackEvent("deploy", new Dictionary<string, string>(), null)]));
            await fixture.Client.GetGrain<IVmiGrain>(ids["ml-train-02"]).IngestAsync(new FeedbackBatch([], [new FeedbackEvent("crash", new Dictionary<string, string>(), null)]));
            var before = new Dictionary<string, (string Stored, string Events)>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                before[name] = await SnapshotAsync(ids[name]);
            }

            var rolloutsBefore = (await fixture.Client.GetGrain<IRolloutCatalogGrain>(GrainKeys.Default).ListAsync()).Select(r => r.Id).ToList();
            var indexBefore = JsonSerializer.Serialize(await fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(profileId: Id));

            var report = await fixture.Client.GetGrain<IRolloutWhatIfGrain>(GrainKeys.Default).WhatIfAsync(new RolloutRequest { ProfileId = Id });

            Assert.Equal(2, report.ToVersion);
            Assert.Equal(5, report.Selected);
            Assert.Equal(1, report.AlreadyOnTarget);
            Assert.Equal(["v1: 4", "v2: 1"], report.FromVersions);
            Assert.Equal(4, report.Waves.Sum());
            Assert.Null(report.RunningRollout);
            var t = report.Totals;
            Assert.Equal((4, 2, 1, 0, 0, 1, 0, 0), (t.Vmis, t.SwitchProfile, t.ChangeWeights, t.Shaped, t.RunPrograms, t.RuleErrors, t.Unaffected, t.Unreadable));
            var byName = report.Vmis.ToDictionary(v => v.Name, StringComparer.Ordinal);
            Assert.DoesNotContain("ci-runner-02", byName.Keys); // already on v2: the rollout would not touch it
            Assert.Equal("whatif-locked", byName["web-01"].SwitchesTo);
            Assert.Equal("whatif-locked", byName["ml-train-01"].SwitchesTo);
            Assert.Equal(1, byName["web-02"].Actions["set_weight"]);
            Assert.Null(byName["web-02"].SwitchesTo);
            Assert.Equal(1, byName["ml-train-02"].Errors);
            Assert.Contains("boom", byName["ml-train-02"].FirstError, StringComparison.Ordinal);
            Assert.All(report.Vmis, v => Assert.Equal(1, v.FromVersion));
            Assert.All(report.Vmis, v => Assert.True(v.Ticks > 0, $"{v.Name}: no tick replayed"));

            // Nothing changed: read right away, and again from storage after each VMI's grain deactivated.
            foreach (var name in names)
            {
                Assert.Equal(before[name], await SnapshotAsync(ids[name]));
            }

            Assert.Equal(rolloutsBefore, (await fixture.Client.GetGrain<IRolloutCatalogGrain>(GrainKeys.Default).ListAsync()).Select(r => r.Id));
            Assert.Null(await fixture.Client.GetGrain<IRolloutRegistryGrain>(GrainKeys.Default).RunningAsync(Id));
            Assert.Equal(indexBefore, JsonSerializer.Serialize(await fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(profileId: Id)));
            foreach (var name in names[..4])
            {
                var vmi = fixture.Client.GetGrain<IVmiGrain>(ids[name]);
                await fixture.Cluster.DeactivateAsync(vmi);
                await fixture.Cluster.WaitForDeactivationAsync(vmi);
                var stored = await vmi.GetAsync();
                Assert.Equal((Id, 1), (stored.ProfileId, stored.ProfileVersion));
                var decisions = (await vmi.GetDecisionsAsync()).Where(d => d.Time >= started).ToList();
                Assert.Equal(before[name].Stored, (await SnapshotAsync(ids[name])).Stored); // the events were in memory only
                Assert.DoesNotContain(decisions, d => d.Kind is "rule-error" or "rule-disabled" or "weight-override");
                Assert.All(decisions.Where(d => d.Kind == "profile"), d => Assert.Equal($"{Id} v1", d.After));
            }
        }
        finally
        {
            foreach (var name in names)
            {
                await fixture.Client.GetGrain<IVmiGrain>(ids[name]).DetachAsync();
            }

            await profile.DeleteAsync(force: true);
        }
    }
}
