using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;
using static VmiGrains.Domain.Tests.Allocation.PolicyHarness;

namespace VmiGrains.Domain.Tests.Allocation;

public sealed class WorkConservingPolicyTests
{
    private static readonly WorkConservingOptions Options = new() { MinimumDwell = TimeSpan.Zero };

    [Fact]
    public void Plan_UncontendedHost_GivesEveryVmiItsMaximumAndNoCap()
    {
        var plan = new PolicyHarness(Options).Step([Vmi("web", ram: 0.01, net: 0.0001, maxRam: 0.03), Vmi("db", 0.5, ram: 0.1, net: 0.2, maxRam: 0.5), Vmi("new")]);

        Assert.Empty(plan.Pressure.Contended);
        Assert.Equal([0.03, 0.5, 0.25], plan.Vmis.Select(v => v.Shares.Ram));
        Assert.All(plan.Vmis, v => Assert.Equal(1.0, v.Shares.Network));
        Assert.All(plan.Vmis, v => Assert.Empty(v.Caps));
    }

    [Fact]
    public void Plan_ProportionalResources_FollowWeightsWhateverTheUse()
    {
        var plan = new PolicyHarness(Options).Step([Vmi("a", 0.6, ram: 0.01), Vmi("b", 0.2, ram: 0.01)]);

        Assert.Equal(0.75, plan.Vmis[0].Shares.Cpu, 9);
        Assert.Equal(0.25, plan.Vmis[1].Shares.Storage, 9);
    }

    [Fact]
    public void Plan_MemoryPressure_WeightsDecideAndEveryCapNamesThePressure()
    {
        // Four VMIs of 40 % each use 23 %: 92 % of the host is used, above the 90 % threshold.
        var vmis = new[] { Vmi("a", 0.4, ram: 0.23, maxRam: 0.4), Vmi("b", 0.1, ram: 0.23, maxRam: 0.4), Vmi("c", 0.1, ram: 0.23, maxRam: 0.4), Vmi("d", 0.1, ram: 0.23, maxRam: 0.4) };

        var plan = new PolicyHarness(Options).Step(vmis);

        Assert.Contains(ResourceKind.Ram, plan.Pressure.Contended);
        Assert.True(plan.Vmis.Sum(v => v.Shares.Ram) <= 1 + 1e-9, "zero-sum under contention");
        Assert.True(Ram(plan, "a") > Ram(plan, "b"), "the heavier weight gets more");
        Assert.All(plan.Vmis, v => Assert.True(v.Shares.Ram >= 0.24 - 1e-9, "never below used + floor"));
        Assert.All(plan.Vmis, v => Assert.Contains(v.Caps, c => c.StartsWith("memory capped at", StringComparison.Ordinal) && c.Contains("host memory pressure, use 92", StringComparison.Ordinal)));
    }

    [Fact]
    public void Plan_Hysteresis_ContentionEndsOnlyBelowTheThresholdMinusHysteresis()
    {
        var harness = new PolicyHarness(Options);
        static VmiDemand[] Using(double net) => [Vmi("a", net: net / 2), Vmi("b", net: net / 2)];

        Assert.DoesNotContain(ResourceKind.Network, harness.Step(Using(0.85)).Pressure.Contended);
        Assert.Contains(ResourceKind.Network, harness.Step(Using(0.92)).Pressure.Contended);
        Assert.Contains(ResourceKind.Network, harness.Step(Using(0.81)).Pressure.Contended);
        Assert.DoesNotContain(ResourceKind.Network, harness.Step(Using(0.79)).Pressure.Contended);
    }

    [Fact]
    public void Plan_VmiAtItsCap_ReachesItsFairShareInOnePlan()
    {
        // "web" (weight 0.1) and "bulk" (0.9) are held at half the link each by its equal split: web is capped at its share.
        var harness = new PolicyHarness(Options);
        harness.Step([Vmi("web", 0.1, net: 0.5), Vmi("bulk", 0.9, net: 0.5)]);
        Assert.Equal(0.1, harness.Applied["web"].Shares.Network, 9);

        // Bulk now sends 0.3: web, at its cap, wants more.
        var plan = harness.Step([Vmi("web", 0.1, net: harness.Applied["web"].Shares.Network), Vmi("bulk", 0.9, net: 0.3)]);

        // Its fair share is what bulk leaves, 0.7; one plan gets it there (the bound stated on the policy).
        Assert.True(Net(plan, "web") >= 0.7 - 1e-9, $"web at {Net(plan, "web")} after one plan");
        Assert.Equal(1.0, Net(plan, "bulk"));
    }

    [Fact]
    public void Plan_LinkFilledByOneSender_CapsNobody()
    {
        // A noisy neighbour takes what seven light senders leave: the link's own split already gives
        // everyone its weighted fair share, so a cap could only leave the link idle.
        var vmis = new[] { Vmi("noisy", 0.4, net: 0.3) }.Concat(Enumerable.Range(0, 7).Select(i => Vmi($"v{i}", i % 2 == 0 ? 0.2 : 0.4, net: 0.1))).ToArray();

        var plan = new PolicyHarness(Options).Step(vmis);

        Assert.Contains(ResourceKind.Network, plan.Pressure.Contended);
        Assert.All(plan.Vmis, v => Assert.Equal(1.0, v.Shares.Network));
        Assert.All(plan.Vmis, v => Assert.DoesNotContain(v.Caps, c => c.StartsWith("network", StringComparison.Ordinal)));
    }

    [Fact]
    public void Plan_LinkSplitEquallyAmongUnequalWeights_CapsOnlyTheLighterAtItsShare()
    {
        var plan = new PolicyHarness(Options).Step([Vmi("heavy", 0.75, net: 0.5), Vmi("light", 0.25, net: 0.5)]);

        Assert.Equal(1.0, Net(plan, "heavy"));
        Assert.Equal(0.25, Net(plan, "light"), 9);
        Assert.Contains(plan.Vmis[1].Caps, c => c.StartsWith("network capped at 25.0", StringComparison.Ordinal) && c.Contains("host network pressure", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_MemoryPressureTheHostCanAfford_BalloonKeepsTheDampingMarginAboveUse()
    {
        // 90 % of the host used: the light VMIs' balloons keep 10 % above their use (the damping's relative threshold), not just the floor.
        var vmis = new[] { Vmi("heavy", 0.7, ram: 0.4, maxRam: 0.6, floor: 0.001), Vmi("a", 0.15, ram: 0.25, maxRam: 0.4, floor: 0.001), Vmi("b", 0.15, ram: 0.25, maxRam: 0.4, floor: 0.001) };

        var plan = new PolicyHarness(Options).Step(vmis);

        Assert.Contains(ResourceKind.Ram, plan.Pressure.Contended);
        Assert.True(plan.Vmis.Sum(v => v.Shares.Ram) <= 1 + 1e-9);
        Assert.All(vmis.Zip(plan.Vmis), x => Assert.True(x.Second.Shares.Ram >= (x.First.Used.Ram * 1.1) - 1e-9, $"{x.First.VmiId}: balloon {x.Second.Shares.Ram} under use {x.First.Used.Ram} × 1.1"));
    }

    [Fact]
    public void Plan_MemoryPressure_ShrinksOneStepPerPlanAndNeverBelowUsedPlusFloor()
    {
        var harness = new PolicyHarness(Options);
        var calm = new[] { Vmi("big", 0.1, ram: 0.3, maxRam: 0.6), Vmi("small", 0.9, ram: 0.3, maxRam: 0.6) };
        harness.Step(calm);
        Assert.Equal(0.6, harness.Applied["big"].Shares.Ram, 9);

        var hot = new[] { Vmi("big", 0.1, ram: 0.4, maxRam: 0.6), Vmi("small", 0.9, ram: 0.52, maxRam: 0.6) };
        var previous = 0.6;
        for (var i = 0; i < 20; i++)
        {
            var now = Ram(harness.Step(hot), "big");
            Assert.True(previous - now <= (0.05 * 0.6) + 1e-9, $"plan {i}: shrank {previous - now}, more than 5 % of 0.6");
            Assert.True(now >= 0.41 - 1e-9, $"plan {i}: {now} below used + floor");
            previous = now;
        }

        // It settles within the damping (10 % of its value) above its fair share 0.416, and stays there.
        Assert.InRange(previous, 0.41, 0.47);
    }

    [Fact]
    public void Plan_PressureEnds_ReturnsMemoryFirst()
    {
        var options = Options with { ChangeBudgetMinimum = 1, ChangeBudgetFraction = 0.01 };
        var harness = new PolicyHarness(options);
        harness.Step([Vmi("mem", ram: 0.5, net: 0.01, maxRam: 0.6), Vmi("web", ram: 0.01, net: 0.5, maxRam: 0.02), Vmi("x", ram: 0.45, net: 0.45, maxRam: 0.6)]);
        harness.Step([Vmi("mem", ram: 0.5, net: 0.01, maxRam: 0.6), Vmi("web", ram: 0.01, net: 0.5, maxRam: 0.02), Vmi("x", ram: 0.45, net: 0.45, maxRam: 0.6)]);

        // Memory pressure ends while the link stays contended and web's traffic halves: two VMIs want a change, one may.
        var plan = harness.Step([Vmi("mem", ram: 0.2, net: 0.01, maxRam: 0.6), Vmi("web", ram: 0.01, net: 0.25, maxRam: 0.02), Vmi("x", ram: 0.1, net: 0.7, maxRam: 0.6)]);

        Assert.DoesNotContain(ResourceKind.Ram, plan.Pressure.Contended);
        Assert.Contains(ResourceKind.Network, plan.Pressure.Contended);
        var changed = plan.Vmis.Single(v => v.Changed);
        Assert.True(changed.Shares.Ram >= 0.6 - 1e-9, $"{changed.VmiId} changed first; memory returns go first");
        Assert.Contains(plan.Deferred, d => d.Deferred!.StartsWith("change budget: 1 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ChangeBudget_DefersTheRestAndEveryVmiGetsItsTurnWithinNOverBudgetPlans()
    {
        var options = Options with { ChangeBudgetMinimum = 2, ChangeBudgetFraction = 0.01 };
        var harness = new PolicyHarness(options);
        var names = Enumerable.Range(0, 6).Select(i => $"v{i}").ToArray();
        harness.Step([.. names.Select(n => Vmi(n, net: 0.16))]);
        Assert.Contains(ResourceKind.Network, harness.Pressure.Contended);

        // Every VMI's use halves: all six want a smaller limit, two per plan may change.
        var half = names.Select(n => Vmi(n, net: 0.155)).Concat([Vmi("new", net: 0.3)]).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "new" };
        for (var plan = 0; plan < 3; plan++)
        {
            var result = harness.Step(half);
            Assert.True(result.Vmis.Count(v => v.Changed && v.VmiId != "new") <= 2, "at most the budget changes");
            seen.UnionWith(result.Vmis.Where(v => v.Changed).Select(v => v.VmiId));
        }

        Assert.Equal(7, seen.Count);
    }

    [Fact]
    public void Plan_MinimumDwell_DefersARecentChangeAndSaysSo()
    {
        var harness = new PolicyHarness(Options with { MinimumDwell = TimeSpan.FromSeconds(30) });
        harness.Step([Vmi("a", 0.75, net: 0.5), Vmi("b", 0.25, net: 0.5)]);
        Assert.Equal(0.25, harness.Applied["b"].Shares.Network, 9);

        // b, capped 10 s ago, is at its cap while a sends less: b wants more and waits for its dwell.
        var plan = harness.Step([Vmi("a", 0.75, net: 0.3), Vmi("b", 0.25, net: 0.25)]);

        Assert.All(plan.Vmis, v => Assert.False(v.Changed));
        Assert.StartsWith("minimum dwell: knobs changed 10 s ago", plan.Vmis[1].Deferred, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Forced_PassesDwellAndBudget()
    {
        var harness = new PolicyHarness(Options with { MinimumDwell = TimeSpan.FromHours(1), ChangeBudgetMinimum = 1, ChangeBudgetFraction = 0.01 });
        harness.Step([Vmi("a", 0.5), Vmi("b", 0.5)]);

        var plan = harness.Step([Vmi("a", 0.75, forced: true), Vmi("b", 0.25, forced: true)]);

        Assert.Equal(0.75, plan.Vmis[0].Shares.Cpu, 9);
        Assert.Equal(0.25, plan.Vmis[1].Shares.Cpu, 9);
    }

    [Fact]
    public void Plan_NoisyUseUnderContention_ChangesAtMostOnceAfterTheFirst()
    {
        var harness = new PolicyHarness(Options);
        var random = new Random(11);
        VmiDemand[] Noisy() => [Vmi("a", 0.5, net: 0.3 * (1 + ((random.NextDouble() - 0.5) * 0.2))), Vmi("b", 0.25, net: 0.65 * (1 + ((random.NextDouble() - 0.5) * 0.2)))];
        harness.Step(Noisy());
        harness.Step(Noisy());

        var changes = Enumerable.Range(0, 360).Sum(_ => harness.Step(Noisy()).Vmis.Count(v => v.Changed));

        // One hour of ten-second plans under ±10 % noise: the damping keeps both VMIs' knobs still.
        Assert.True(changes <= 4, $"{changes} knob changes in an hour for two VMIs");
    }
}
