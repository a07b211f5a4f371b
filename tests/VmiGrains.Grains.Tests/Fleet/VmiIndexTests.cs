using VmiGrains.Grains.Fleet;

namespace VmiGrains.Grains.Tests.Fleet;

/// <summary>The index's bucket function is part of the stored layout: stable, and spreads a fleet evenly.</summary>
public sealed class VmiIndexTests
{
    [Theory]
    [InlineData("", 453)]                                      // FNV-1a offset basis 2166136261 % 1024
    [InlineData("a1b2c3d4-0004-4a00-8000-00000000a004", 207)]   // computed independently (Python)
    public void BucketOf_IsTheSameInEveryProcess(string vmiId, int bucket) =>
        Assert.Equal(bucket, VmiIndex.BucketOf(vmiId));

    [Fact]
    public void BucketOf_SpreadsAHundredThousandVmisEvenly()
    {
        var counts = new int[VmiIndex.Buckets];
        for (var i = 0; i < 100_000; i++)
        {
            counts[VmiIndex.BucketOf($"b0000000-0000-4000-8000-{i:x12}")]++;
        }

        var average = 100_000.0 / VmiIndex.Buckets;
        Assert.True(counts.Min() > average * 0.5 && counts.Max() < average * 1.5,
            $"buckets hold {counts.Min()}–{counts.Max()} VMIs; about {average:0} each expected");
    }
}
