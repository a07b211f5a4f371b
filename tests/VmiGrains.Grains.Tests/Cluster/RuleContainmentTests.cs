using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// A rule that spends its time inside one library call (a backtracking pattern) on every tick and
/// every event: live in a cluster it is stopped each time, disabled after five failures, and the
/// VMI answers, detaches and lets its profile be deleted throughout; a detach enables the rule again.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class RuleContainmentTests(ClusterFixture fixture)
{
    private const string Runaway = """
{
  "id": "runaway-pattern",
  "name": "Runaway pattern",
  "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
  "behavioral_rules": [
    { "name": "backtrack",
      "source": "function on_tick(vmi)\n  local x = string.find(('a'):rep(3000), '.-.-.-b')\nend\nfunction on_event(vmi, event)\n  local x = (('a'):rep(3000)):gsub('a-b', '')\nend" }
  ],
  "evaluation_interval": "500ms"
}
""";

    [Fact]
    public async Task RuleStuckInOneLibraryCall_IsStoppedAndDisabled_AndTheVmiStaysManageable()
    {
        await fixture.Client.GetGrain<IProfileGrain>("runaway-pattern").DefineAsync(Runaway);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ci-runner-01"));
        await vmi.ApplyProfileAsync("runaway-pattern");

        // on_event runs inside the ingest call: it must return, with the rule's failure recorded.
        await vmi.IngestAsync(new FeedbackBatch([], [new FeedbackEvent("login", new Dictionary<string, string>(), null)])).WaitAsync(TimeSpan.FromSeconds(10));

        var view = await Eventually.GetAsync(() => vmi.GetAsync().WaitAsync(TimeSpan.FromSeconds(5)), v => v.DisabledRules.Count == 1, TimeSpan.FromSeconds(30), "the runaway rule disabled");
        var decisions = await vmi.GetDecisionsAsync();

        // Keyed by profile, version and name: what 'vmi vm show' prints after DISABLED rule.
        Assert.StartsWith("backtrack of runaway-pattern v1: ", view.DisabledRules[0], StringComparison.Ordinal);
        var errors = decisions.Where(d => d.Kind == "rule-error").ToList();
        Assert.True(errors.Count >= 5, $"{errors.Count} rule errors");
        Assert.All(errors, e => Assert.Matches("instruction budget exceeded|CPU time limit exceeded|wall-clock limit exceeded", e.What));
        Assert.Contains(errors, e => e.Reason.EndsWith("on event login", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d.Kind == "rule-disabled" && d.What == "rule backtrack of runaway-pattern v1 disabled after 5 failures in a row");

        // The operator enables it again: a name that is not disabled is refused naming the field; no name enables all.
        var refused = await Assert.ThrowsAsync<Abstractions.Validation.InvalidRequestException>(() => vmi.EnableRulesAsync("nope"));
        Assert.Equal("rule", refused.Errors[0].Path);
        Assert.Equal(["backtrack"], await vmi.EnableRulesAsync());
        Assert.Empty((await vmi.GetAsync()).DisabledRules);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "rules-enabled" && d.Reason == "operator request");
        await Eventually.GetAsync(() => vmi.GetAsync(), v => v.DisabledRules.Count == 1, TimeSpan.FromSeconds(30), "the still-broken rule disabled again");

        // Detach and attach again: the rule belongs to the run that failed, so it is enabled again.
        await vmi.DetachAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var detached = await vmi.GetAsync();
        Assert.Empty(detached.DisabledRules);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "rules-enabled" && d.What == "rule(s) backtrack of runaway-pattern v1 enabled again" && d.Reason == "profile detached");

        await vmi.ApplyProfileAsync("runaway-pattern");
        await fixture.Client.GetGrain<IProfileGrain>("runaway-pattern").DeleteAsync(force: true).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null((await vmi.GetAsync()).ProfileId);
    }
}
