using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Profiles;
using VmiGrains.Rules;
using VmiGrains.Rules.Replay;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Issue 21: the dry-run (<c>vmi rules test</c>, <see cref="RuleReplay"/>) and the cluster run one rule
/// loop (<c>RuleSession</c>): the same trace pushed into a live VMI and replayed offline gives the same
/// actions in the same order — rule state carried between events, the 16 events a rule sees, a
/// switch to the profile in force that changes nothing (the rules after it still act), and a switch to
/// another profile after which no later action of that evaluation is applied.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class DryRunParityTests(ClusterFixture fixture)
{
    private const string Profile = """
        {
          "id": "parity-a",
          "name": "Dry-run parity",
          "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
          "evaluation_interval": "1h",
          "behavioral_rules": [
            { "name": "stay", "source": "function on_event(vmi, e)\n  if e.name == 'deploy' then return switch_profile('parity-a') end\nend" },
            { "name": "count", "source": "function on_event(vmi, e)\n  vmi.state.n = (vmi.state.n or 0) + 1\n  if e.name == 'login' and vmi.state.n % 3 == 0 then return emit('third_login', { n = tostring(vmi.state.n) }) end\nend" },
            { "name": "window", "source": "function on_event(vmi, e)\n  if e.name == 'deploy' and (vmi.state.n or 0) % 4 ~= 0 then return emit('window', { seen = tostring(#vmi.events), oldest = vmi.events[1].fields.tag }) end\nend" },
            { "name": "escalate", "source": "function on_event(vmi, e)\n  if e.name == 'escalate' then return switch_profile('parity-b') end\nend" },
            { "name": "after", "source": "function on_event(vmi, e)\n  if e.name == 'escalate' then return emit('after_switch', {}) end\nend" }
          ]
        }
        """;

    private const string Target = """
        { "id": "parity-b", "name": "Parity target", "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 } }
        """;

    private static readonly string[] Names = ["login", "deploy", "login", "idle"];

    [Fact]
    public async Task SameTrace_LiveVmiAndDryRun_GiveTheSameActionsInTheSameOrder()
    {
        var events = Enumerable.Range(0, 21).Select(i => (Name: i == 20 ? "escalate" : Names[i % Names.Length], Tag: $"e{i}")).ToList();
        var start = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var jsonl = string.Join('\n', events.Select((e, i) => $$$"""{"t": "{{{start.AddSeconds(i):O}}}", "event": "{{{e.Name}}}", "fields": {"tag": "{{{e.Tag}}}"}}"""));
        var records = TelemetryJsonl.Parse(jsonl, out var parseErrors);
        Assert.Empty(parseErrors);
        var replay = RuleReplay.Run(ProfileParser.Parse(Profile, new LuaRuleCompiler()), records);

        await fixture.Client.GetGrain<IProfileGrain>("parity-b").DefineAsync(Target);
        await fixture.Client.GetGrain<IProfileGrain>("parity-a").DefineAsync(Profile);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("render-01"));
        // The event stream is in memory: a fresh activation holds none of the events other tests pushed.
        await fixture.Cluster.DeactivateAsync(vmi);
        await fixture.Cluster.WaitForDeactivationAsync(vmi);
        var since = DateTimeOffset.UtcNow;
        try
        {
            await vmi.ApplyProfileAsync("parity-a");
            await vmi.IngestAsync(new FeedbackBatch([], [.. events.Select(e => new FeedbackEvent(e.Name, new Dictionary<string, string> { ["tag"] = e.Tag }, null))]));
            await Eventually.GetAsync(async () => (await vmi.GetAsync()).ProfileId, p => p == "parity-b", TimeSpan.FromSeconds(30), "the escalate event switched the VMI to parity-b");
            var decisions = await vmi.GetDecisionsAsync(since);

            Assert.DoesNotContain(replay.Steps, s => s.Kind is "error" or "disabled");
            Assert.DoesNotContain(decisions, d => d.Kind is "rule-error" or "rule-disabled");
            var live = decisions.Where(d => d.Kind == "emit").Select(d => d.What).ToList();
            var dry = replay.Steps.Where(s => s.Kind == "emit").Select(s => s.Detail).ToList();
            Assert.Equal(dry, live);

            // What the comparison covers: state across events, the 16-event view, both kinds of switch.
            Assert.Contains("emit(third_login, n=3)", dry);
            Assert.Contains("emit(window, oldest=e0, seen=2)", dry); // deploy right after a same-profile switch
            Assert.Contains("emit(window, oldest=e2, seen=16)", dry); // the 18th event: the rules see the newest 16
            Assert.DoesNotContain(dry, d => d.Contains("after_switch", StringComparison.Ordinal));
            Assert.Equal("parity-b", replay.FinalProfile);
        }
        finally
        {
            await vmi.DetachAsync();
            await fixture.Client.GetGrain<IProfileGrain>("parity-a").DeleteAsync(force: true);
            await fixture.Client.GetGrain<IProfileGrain>("parity-b").DeleteAsync(force: true);
        }
    }
}
