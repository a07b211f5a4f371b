using VmiGrains.Domain.Hosts;

namespace VmiGrains.Domain.Tests.Hosts;

public sealed class KnobSetTests
{
    private static readonly BandwidthLimit Limit = new(1000, 2000, 100);

    [Fact]
    public void Diff_SameKnobs_IsEmpty()
    {
        var knobs = new KnobSet { CpuWeight = 100, BlkioWeight = 500, Bandwidth = [new("52:54:00:00:00:01", Limit, Limit)] };

        Assert.True(knobs.Diff(knobs with { Bandwidth = [new("52:54:00:00:00:01", Limit, Limit)] }).IsEmpty);
    }

    [Fact]
    public void Diff_ChangedKnobs_KeepsOnlyChanges()
    {
        var applied = new KnobSet { CpuWeight = 100, BlkioWeight = 500, Bandwidth = [new("52:54:00:00:00:01", Limit, Limit)] };
        var desired = applied with
        {
            BlkioWeight = 600,
            MemoryTargetKiB = 1 << 20,
            Bandwidth = [new("52:54:00:00:00:01", Limit, Limit), new("52:54:00:00:00:02", Limit, Limit)],
        };

        var diff = desired.Diff(applied);

        Assert.Equal(new KnobSet { BlkioWeight = 600, MemoryTargetKiB = 1 << 20, Bandwidth = [new("52:54:00:00:00:02", Limit, Limit)] }, diff);
    }

    [Fact]
    public void Diff_NothingApplied_IsEverything()
    {
        var desired = new KnobSet { Vcpus = 2 };

        Assert.Same(desired, desired.Diff(null));
    }

    [Fact]
    public void Without_DropsOnlyTheNamedKnobs()
    {
        var desired = new KnobSet { CpuWeight = 300, MemoryTargetKiB = 1 << 20, BlkioWeight = 600, Bandwidth = [new("52:54:00:00:00:01", Limit, Limit)] };

        var left = desired.Without(new HashSet<KnobKind> { KnobKind.CpuWeight, KnobKind.InterfaceBandwidth });

        Assert.Equal(new KnobSet { MemoryTargetKiB = 1 << 20, BlkioWeight = 600 }, left);
        Assert.Same(desired, desired.Without(new HashSet<KnobKind>()));
    }
}
