using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;
using static VmiGrains.Domain.Tests.Allocation.PolicyHarness;

namespace VmiGrains.Domain.Tests.Allocation;

/// <summary>Properties of <see cref="WorkConservingPolicy"/> over seeded random hosts, plan after plan.</summary>
public sealed class WorkConservingPolicyPropertyTests
{
    private const double Eps = 1e-9;
    private static readonly WorkConservingOptions Options = new() { ChangeBudgetMinimum = 3, ChangeBudgetFraction = 0.2 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Plan_RandomHosts_NeverOutOfRange_ZeroSumUnderContention_BoundedChange(int seed)
    {
        var random = new Random(seed);
        for (var host = 0; host < 40; host++)
        {
            var harness = new PolicyHarness(Options);
            var n = random.Next(1, 25);
            var maxRam = Enumerable.Range(0, n).Select(_ => 0.02 + (random.NextDouble() * 0.3)).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => random.Next(6) == 0 ? 0 : random.NextDouble()).ToArray();
            for (var step = 0; step < 30; step++)
            {
                var load = random.NextDouble() * 1.6 / n;
                var vmis = Enumerable.Range(0, n).Select(i => Vmi($"v{i}", weights[i],
                    ram: random.Next(8) == 0 ? double.PositiveInfinity : Math.Min(maxRam[i] * 0.9, load * random.NextDouble() * 2),
                    net: random.Next(8) == 0 ? double.PositiveInfinity : load * random.NextDouble() * 2,
                    maxRam: maxRam[i], forced: step == 0, floor: 0.005)).ToArray();
                var before = new Dictionary<string, AppliedShares>(harness.Applied, StringComparer.Ordinal);

                var plan = harness.Step(vmis);

                foreach (var (v, p) in vmis.Zip(plan.Vmis))
                {
                    foreach (var r in Enum.GetValues<ResourceKind>())
                    {
                        Assert.InRange(p.Shares[r], 0, 1);
                    }

                    Assert.True(p.Shares.Ram <= v.Maximum.Ram + Eps, "never above the VMI's memory");
                    if (before.TryGetValue(v.VmiId, out var old) && !v.Forced)
                    {
                        Assert.True(old.Shares.Ram - p.Shares.Ram <= (Options.MemoryStep * v.Maximum.Ram) + Eps, "a balloon shrinks at most one step per plan");
                    }
                }

                if (step > 0)
                {
                    Assert.True(plan.Vmis.Count(p => p.Changed) <= plan.ChangeBudget, "at most the change budget moves per plan");
                }

                Assert.True(plan.Vmis.Sum(p => p.Shares.Cpu) <= 1 + Eps, "proportional shares are zero-sum");
                if (plan.Pressure.IsContended(ResourceKind.Ram))
                {
                    var sum = plan.Vmis.Sum(p => p.Shares.Ram);
                    // What was applied, or used memory + floor where that grew: a plan never adds more to an over-subscription.
                    var old = vmis.Sum(v => Math.Max(before.TryGetValue(v.VmiId, out var a) ? a.Shares.Ram : 0,
                        double.IsFinite(v.Used.Ram) ? Math.Min(v.Maximum.Ram, v.Used.Ram + v.MemoryFloor) : 0));
                    Assert.True(sum <= Math.Max(1, old) + Eps, $"contended memory: {sum} after {old}; a plan never adds to an over-subscription");
                }

                if (plan.Pressure.IsContended(ResourceKind.Network))
                {
                    // The caps are weighted fair shares of the link; uncapped VMIs share the rest as the link splits it.
                    Assert.True(LinkCaps(plan) <= 1 + Eps, $"contended network: caps add up to {LinkCaps(plan)} of the link");
                }
            }
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Plan_SustainedContention_BecomesZeroSumWithinTheStatedBound(int seed)
    {
        var random = new Random(seed);
        for (var host = 0; host < 30; host++)
        {
            var harness = new PolicyHarness(Options);
            var n = random.Next(2, 40);
            var maxRam = Enumerable.Range(0, n).Select(_ => Math.Min(1, 3.0 / n * (0.5 + random.NextDouble()))).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => 0.05 + random.NextDouble()).ToArray();
            harness.Step([.. Enumerable.Range(0, n).Select(i => Vmi($"v{i}", weights[i], ram: 0.1 / n, net: 0.1 / n, maxRam: maxRam[i], floor: 0.001))]);

            // Both resources become contended and stay so.
            var hot = Enumerable.Range(0, n).Select(i => Vmi($"v{i}", weights[i], ram: Math.Min(maxRam[i] * 0.8, 0.95 / n), net: 0.95 / n * 2 * random.NextDouble(), maxRam: maxRam[i], floor: 0.001)).ToArray();
            var budget = Math.Max(Options.ChangeBudgetMinimum, (int)Math.Ceiling(Options.ChangeBudgetFraction * n));
            var bound = ((int)Math.Ceiling((double)n / budget) * (int)Math.Ceiling(1 / Options.MemoryStep)) + 1;
            AllocationPlan plan = null!;
            for (var step = 0; step < bound; step++)
            {
                plan = harness.Step(hot);
            }

            Assert.Contains(ResourceKind.Ram, plan.Pressure.Contended);
            Assert.True(plan.Vmis.Sum(p => p.Shares.Ram) <= 1 + Eps, $"host {host}: memory {plan.Vmis.Sum(p => p.Shares.Ram)} after {bound} plans");
            if (plan.Pressure.IsContended(ResourceKind.Network))
            {
                Assert.True(LinkCaps(plan) <= 1 + Eps, $"host {host}: network caps {LinkCaps(plan)} after {bound} plans");
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Plan_RandomUncontendedHosts_AreWorkConserving(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var n = random.Next(1, 30);
            var vmis = Enumerable.Range(0, n).Select(i => Vmi($"v{i}", random.NextDouble(),
                ram: random.NextDouble() * 0.85 / n, net: random.NextDouble() * 0.85 / n, maxRam: 0.01 + random.NextDouble())).ToArray();

            var plan = new PolicyHarness(Options).Step(vmis);

            Assert.Empty(plan.Pressure.Contended);
            Assert.All(vmis.Zip(plan.Vmis), x => Assert.Equal(Math.Min(1, x.First.Maximum.Ram), x.Second.Shares.Ram, 9));
            Assert.All(plan.Vmis, p => Assert.Equal(1.0, p.Shares.Network));
            Assert.All(plan.Vmis, p => Assert.Empty(p.Caps));
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Plan_RandomContendedHosts_AreMonotoneInWeight(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var n = random.Next(2, 20);
            var weights = Enumerable.Range(0, n).Select(_ => 0.01 + random.NextDouble()).ToArray();
            var net = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2.0 / n).ToArray();
            VmiDemand[] Host(double[] w) => [.. Enumerable.Range(0, n).Select(i => Vmi($"v{i}", w[i], net: net[i]))];
            var heavier = (double[])weights.Clone();
            var who = random.Next(n);
            heavier[who] *= 1 + random.NextDouble() * 3;

            var light = new PolicyHarness(Options).Step(Host(weights));
            var heavy = new PolicyHarness(Options).Step(Host(heavier));

            Assert.True(heavy.Vmis[who].Shares.Network >= light.Vmis[who].Shares.Network - Eps,
                $"round {round}: more weight gave {heavy.Vmis[who].Shares.Network} < {light.Vmis[who].Shares.Network}");
            Assert.True(heavy.Vmis[who].Shares.Cpu >= light.Vmis[who].Shares.Cpu - Eps);
        }
    }

    private static double LinkCaps(AllocationPlan plan) => plan.Vmis.Where(p => p.Shares.Network < 1 - Eps).Sum(p => p.Shares.Network);
}
