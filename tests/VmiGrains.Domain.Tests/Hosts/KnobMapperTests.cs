using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Domain.Tests.Hosts;

public sealed class KnobMapperTests
{
    private static readonly double[] Awkward =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, -0.0, 0, 1e-300, 0.5, 1, 1.0000001, 7, 1e300];

    private static readonly VmiDescriptor Vmi = new(
        Guid.Parse("a1b2c3d4-0001-4a00-8000-00000000a001"), "web-01", DomainState.Running, 2, 2 << 20, 4 << 20,
        [new VmiInterface("52:54:00:a1:00:01", null)], [new VmiDisk("vda", null)], null);

    [Fact]
    public void Map_RandomAndAwkwardInputs_EveryKnobWithinRange()
    {
        // Property test with a fixed seed: 20,000 cases mixing random and awkward values.
        var random = new Random(20261128);
        for (var i = 0; i < 20_000; i++)
        {
            var target = new ResourceVector(Pick(random), Pick(random), Pick(random), Pick(random));
            var host = new HostCapacity(
                "h", 32, 2900, PickULong(random), PickULong(random), random.Next(2) == 0 ? CpuWeightScale.CgroupV2 : CpuWeightScale.CgroupV1);
            var vmi = Vmi with { MaxMemoryKiB = PickULong(random) };
            var options = new KnobMappingOptions
            {
                MemoryFloorKiB = PickULong(random),
                BandwidthFloorKiBps = (uint)random.NextInt64(0, (long)uint.MaxValue + 1),
                PeakFactor = Pick(random) * 10,
                BurstSeconds = Pick(random),
            };

            var knobs = KnobMapper.Map(target, host, vmi, options, random.Next(-2, 100_000));

            var (min, max) = KnobRanges.CpuWeight(host.CpuWeightScale);
            Assert.InRange(knobs.CpuWeight!.Value, min, max);
            Assert.InRange(knobs.BlkioWeight!.Value, 100u, 1000u);
            Assert.InRange(knobs.MemoryTargetKiB!.Value, Math.Min(options.MemoryFloorKiB, vmi.MaxMemoryKiB), vmi.MaxMemoryKiB);
            Assert.Equal(knobs.MemoryTargetKiB, knobs.MemorySoftLimitKiB);
            var limit = Assert.Single(knobs.Bandwidth).Inbound;
            var link = Math.Max(1, Math.Min(host.NetworkKiBps, uint.MaxValue));
            Assert.InRange(limit.AverageKiBps, 1u, (uint)link);
            Assert.InRange(limit.PeakKiBps, limit.AverageKiBps, (uint)link);
            Assert.True(limit.BurstKiB >= 1);
        }
    }

    [Theory]
    [InlineData(CpuWeightScale.CgroupV2, 0.25, 4, 100u)]
    [InlineData(CpuWeightScale.CgroupV1, 0.25, 4, 1024u)]
    [InlineData(CpuWeightScale.CgroupV1, 1, 1, 1024u)]
    [InlineData(CpuWeightScale.CgroupV1, 0.5, 4, 2048u)]
    [InlineData(CpuWeightScale.CgroupV2, 0.125, 4, 50u)]
    [InlineData(CpuWeightScale.CgroupV2, 0.9, 1000, 10_000u)]
    [InlineData(CpuWeightScale.CgroupV2, 0, 4, 1u)]
    [InlineData(CpuWeightScale.CgroupV1, 0, 4, 2u)]
    public void Map_CpuShare_AverageVmiGetsTheCgroupDefaultAndOthersInProportionWithinRange(CpuWeightScale scale, double share, int peers, uint expected)
    {
        var host = new HostCapacity("h", 8, 2000, 64 << 20, 1_250_000, scale);

        var knobs = KnobMapper.Map(new ResourceVector(share, 0, 0, 0), host, Vmi, peers: peers);

        Assert.Equal(expected, knobs.CpuWeight);
    }

    [Fact]
    public void Map_LargerShare_NeverSmallerKnobs()
    {
        var host = new HostCapacity("h", 8, 2000, 64 << 20, 1_250_000, CpuWeightScale.CgroupV2);
        var previous = KnobMapper.Map(new ResourceVector(0, 0, 0, 0), host, Vmi);
        for (var share = 0.01; share <= 1; share += 0.01)
        {
            var knobs = KnobMapper.Map(new ResourceVector(share, share, share, share), host, Vmi);

            Assert.True(knobs.CpuWeight >= previous.CpuWeight && knobs.BlkioWeight >= previous.BlkioWeight && knobs.MemoryTargetKiB >= previous.MemoryTargetKiB);
            Assert.True(knobs.Bandwidth[0].Outbound.AverageKiBps >= previous.Bandwidth[0].Outbound.AverageKiBps);
            previous = knobs;
        }
    }

    [Fact]
    public void Map_MaxMemoryBelowFloor_TargetIsMaxMemory()
    {
        var host = new HostCapacity("h", 8, 2000, 64 << 20, 1_250_000, CpuWeightScale.CgroupV2);

        var knobs = KnobMapper.Map(new ResourceVector(0, 0, 0, 0), host, Vmi with { MaxMemoryKiB = 1024 });

        Assert.Equal(1024UL, knobs.MemoryTargetKiB);
    }

    private static double Pick(Random random) => random.Next(3) == 0 ? Awkward[random.Next(Awkward.Length)] : (random.NextDouble() * 1.4) - 0.2;

    private static ulong PickULong(Random random) => random.Next(4) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => (ulong)random.NextInt64(0, 1L << 40),
        _ => (ulong)random.NextInt64(),
    };
}
