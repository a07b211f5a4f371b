using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;

namespace VmiGrains.Domain.Tests.Allocation;

public sealed class AllocationDamperTests
{
    private static readonly DampingOptions Options = new();
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Damp_FirstAllocation_AlwaysApplies()
    {
        var shares = new ResourceShares(0.3, 0.2, 0.1, 0.4);

        var result = AllocationDamper.Damp(shares, null, T0, Options, force: false, out var changed);

        Assert.True(changed);
        Assert.Equal(shares, result);
    }

    [Fact]
    public void Damp_NoisyPlans_ChangeNothingAfterTheFirst()
    {
        var random = new Random(42);
        var applied = AllocationDamper.Record(null, new ResourceShares(0.4, 0.3, 0.2, 0.1), T0);
        var changes = 0;
        for (var second = 1; second <= 600; second++)
        {
            // ±4 % noise around the applied shares, every second for ten minutes.
            var noisy = ResourceShares.From(r => applied.Shares[r] * (1 + ((random.NextDouble() - 0.5) * 0.08)));
            var now = T0.AddSeconds(second);
            var result = AllocationDamper.Damp(noisy, applied, now, Options, force: false, out var changed);
            if (changed)
            {
                changes++;
                applied = AllocationDamper.Record(applied, result, now);
            }
        }

        Assert.Equal(0, changes);
    }

    [Fact]
    public void Damp_OscillatingDemand_ChangesAtMostOncePerCooldown()
    {
        var applied = AllocationDamper.Record(null, new ResourceShares(0.2, 0.25, 0.25, 0.25), T0);
        var changes = 0;
        for (var tick = 1; tick <= 60; tick++)
        {
            // CPU plan flips between 0.2 and 0.6 every second for a minute.
            var plan = applied.Shares with { Cpu = tick % 2 == 0 ? 0.2 : 0.6 };
            var now = T0.AddSeconds(tick);
            var result = AllocationDamper.Damp(plan, applied, now, Options, force: false, out var changed);
            if (changed)
            {
                changes++;
                applied = AllocationDamper.Record(applied, result, now);
            }
        }

        Assert.InRange(changes, 1, (int)(60 / Options.Cooldown.TotalSeconds) + 1);
    }

    [Fact]
    public void Damp_RealShift_AppliesOnlyTheResourceThatMoved()
    {
        var applied = AllocationDamper.Record(null, new ResourceShares(0.2, 0.3, 0.2, 0.3), T0);
        var plan = new ResourceShares(0.5, 0.305, 0.2, 0.3);

        var result = AllocationDamper.Damp(plan, applied, T0.AddSeconds(10), Options, force: false, out var changed);

        Assert.True(changed);
        Assert.Equal(new ResourceShares(0.5, 0.3, 0.2, 0.3), result);
        var recorded = AllocationDamper.Record(applied, result, T0.AddSeconds(10));
        Assert.Equal(T0.AddSeconds(10), recorded.ChangedAt[(int)ResourceKind.Cpu]);
        Assert.Equal(T0, recorded.ChangedAt[(int)ResourceKind.Ram]);
    }

    [Fact]
    public void Damp_WithinCooldown_WaitsUnlessForced()
    {
        var applied = AllocationDamper.Record(null, new ResourceShares(0.2, 0.3, 0.2, 0.3), T0);
        var plan = applied.Shares with { Cpu = 0.6 };

        AllocationDamper.Damp(plan, applied, T0.AddSeconds(1), Options, force: false, out var waited);
        var forced = AllocationDamper.Damp(plan, applied, T0.AddSeconds(1), Options, force: true, out var applies);

        Assert.False(waited);
        Assert.True(applies);
        Assert.Equal(0.6, forced.Cpu);
    }

    [Fact]
    public void Plan_TwoVmis_SplitsEachResourceByProfileWeight()
    {
        var inf = double.PositiveInfinity;
        var hungry = new ResourceShares(inf, inf, inf, inf);
        var plan = HostPlanner.Plan(
        [
            new VmiClaim("render", new ResourceWeights(0.6, 0.2, 0.1, 0.1), hungry),
            new VmiClaim("web", new ResourceWeights(0.2, 0.2, 0.3, 0.3), hungry),
        ]);

        Assert.Equal(0.75, plan["render"].Cpu, 9);
        Assert.Equal(0.25, plan["web"].Cpu, 9);
        Assert.Equal(0.5, plan["render"].Ram, 9);
        Assert.Equal(0.75, plan["web"].Network, 9);
    }
}
