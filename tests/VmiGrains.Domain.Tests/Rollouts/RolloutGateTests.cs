using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Rollouts;

namespace VmiGrains.Domain.Tests.Rollouts;

public sealed class RolloutGateTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private static VmiView View(string id, int? version = 2, bool hostUp = true, IReadOnlyList<string>? disabled = null, IReadOnlyList<string>? failed = null) => new()
    {
        VmiId = id,
        Name = id,
        Host = "h1",
        ProfileId = "p",
        ProfileVersion = version,
        HostAvailable = hostUp,
        DisabledRules = disabled ?? [],
        Allocation = failed is null ? null : new Abstractions.Model.Allocation(0.5, 0.5, 0.5, 0.5, 100, null, null, null, [], failed, T),
    };

    private static Decision D(string kind, string what, string reason) => new(T, kind, what, reason, null, null);

    [Fact]
    public void Evaluate_AllHealthy_Passes()
    {
        var gate = RolloutGate.Evaluate("canary", [GateObservation.From(View("a"), [D("profile", "profile p v2 attached", "rollout r canary")], "p", 2)]);

        Assert.True(gate.Passed);
        Assert.StartsWith("canary healthy: 1 VMI(s); 0 rule error(s)", gate.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HealthyWaveWhoseMetricRose_FailsWithTheMetricsEvidence()
    {
        var metric = new GateResult(false, "metric cpu p95, mean of 1 of 1 VMI(s): 0.1 before, 0.9 at the gate (+0.8, +800 %), rose more than +0.1");

        var gate = RolloutGate.Evaluate("canary", [GateObservation.From(View("a"), [], "p", 2)], metric);

        Assert.False(gate.Passed);
        Assert.StartsWith("canary unhealthy by its metric: 1 VMI(s); 0 rule error(s)", gate.Evidence, StringComparison.Ordinal);
        Assert.EndsWith("; " + metric.Evidence, gate.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HealthyWaveWithinItsMetric_PassesWithTheMetricsEvidence()
    {
        var gate = RolloutGate.Evaluate("canary", [GateObservation.From(View("a"), [], "p", 2)], new GateResult(true, "metric cpu p95 not evaluated: …"));

        Assert.True(gate.Passed);
        Assert.EndsWith("0 unavailable host(s); metric cpu p95 not evaluated: …", gate.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RuleErrorOnOneVmi_FailsNamingItAndTheError()
    {
        var gate = RolloutGate.Evaluate("canary",
        [
            GateObservation.From(View("a"), [], "p", 2),
            GateObservation.From(View("b"), [D("rule-error", "rule boom: attempt to index a nil value", "rule boom of p v2 on tick")], "p", 2),
        ]);

        Assert.False(gate.Passed);
        Assert.Contains("1 of 2 VMI(s)", gate.Evidence, StringComparison.Ordinal);
        Assert.Contains("1 rule error(s)", gate.Evidence, StringComparison.Ordinal);
        Assert.Contains("b on h1: rule error: rule boom: attempt to index a nil value", gate.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RuleSwitchedAway_CountsAsRuleRollback()
    {
        var seen = GateObservation.From(View("a", version: 1), [D("profile", "profile p v1 attached", "rule fallback of p v2 on tick")], "p", 2);
        var gate = RolloutGate.Evaluate("wave 1", [seen]);

        Assert.False(gate.Passed);
        Assert.Equal(1, seen.RuleRollbacks);
        Assert.Contains("1 rule-triggered rollback(s)", gate.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DisabledRuleFailedKnobAndDownHost_EachCounted()
    {
        var gate = RolloutGate.Evaluate("wave 2",
        [
            GateObservation.From(View("a", disabled: ["boom (3 failures)"]), [], "p", 2),
            GateObservation.From(View("b", failed: ["cpu weight: permission denied"]), [], "p", 2),
            GateObservation.From(View("c", hostUp: false), [], "p", 2),
        ]);

        Assert.False(gate.Passed);
        Assert.Contains("1 disabled rule(s)", gate.Evidence, StringComparison.Ordinal);
        Assert.Contains("1 failed knob(s)", gate.Evidence, StringComparison.Ordinal);
        Assert.Contains("1 unavailable host(s) (h1)", gate.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NotOnTargetAndUnreadable_Fail()
    {
        var gate = RolloutGate.Evaluate("canary", [GateObservation.From(View("a", version: 1), [], "p", 2), GateObservation.Unreadable("b", "h2", "timed out")]);

        Assert.False(gate.Passed);
        Assert.Contains("a on h1: on p v1, not p v2", gate.Evidence, StringComparison.Ordinal);
        Assert.Contains("b on h2: could not be read: timed out", gate.Evidence, StringComparison.Ordinal);
    }
}
