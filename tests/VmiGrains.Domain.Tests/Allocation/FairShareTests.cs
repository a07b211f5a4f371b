using VmiGrains.Domain.Allocation;

namespace VmiGrains.Domain.Tests.Allocation;

public sealed class FairShareTests
{
    private const double Inf = double.PositiveInfinity;

    [Fact]
    public void Allocate_AllHungry_SplitsByWeight()
    {
        var result = FairShare.Allocate(1.0, [new(0.5, Inf), new(0.25, Inf), new(0.25, Inf)]);

        Assert.Equal([0.5, 0.25, 0.25], result, Tolerance);
    }

    [Fact]
    public void Allocate_OneSatisfied_RedistributesItsLeftoverByWeight()
    {
        // A wants only 0.1 of its 0.5 entitlement; B and C (weights 1:3) share the remaining 0.9.
        var result = FairShare.Allocate(1.0, [new(0.5, 0.1), new(0.25, Inf), new(0.75, Inf)]);

        Assert.Equal([0.1, 0.225, 0.675], result, Tolerance);
    }

    [Fact]
    public void Allocate_EveryoneSatisfied_LeavesCapacityUnused()
    {
        var result = FairShare.Allocate(1.0, [new(0.5, 0.2), new(0.5, 0.3)]);

        Assert.Equal([0.2, 0.3], result, Tolerance);
    }

    [Fact]
    public void Allocate_ZeroWeight_GetsOnlyLeftovers()
    {
        var hungry = FairShare.Allocate(1.0, [new(1, Inf), new(0, 0.5)]);
        var modest = FairShare.Allocate(1.0, [new(1, 0.6), new(0, 0.5)]);

        Assert.Equal([1.0, 0.0], hungry, Tolerance);
        Assert.Equal([0.6, 0.4], modest, Tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Allocate_RandomClaims_NeverExceedsCapacityOrDemandAndIsMaxMinFair(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 500; round++)
        {
            var claims = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => new Claim(random.Next(4) == 0 ? 0 : random.NextDouble(), random.Next(5) == 0 ? Inf : random.NextDouble() * 0.3))
                .ToArray();

            var result = FairShare.Allocate(1.0, claims);

            Assert.True(result.Sum() <= 1.0 + 1e-9, "capacity exceeded");
            for (var i = 0; i < claims.Length; i++)
            {
                Assert.InRange(result[i], 0, claims[i].Demand + 1e-9);
            }

            // Work-conserving: capacity is left over only when every demand is met.
            if (result.Sum() < 1.0 - 1e-9)
            {
                Assert.All(Enumerable.Range(0, claims.Length), i => Assert.Equal(claims[i].Demand, result[i], 9));
            }

            // Max-min: an unsatisfied weighted claimant gets at least as much per weight as anyone.
            var perWeight = Enumerable.Range(0, claims.Length).Where(i => claims[i].Weight > 0).Select(i => result[i] / claims[i].Weight).DefaultIfEmpty(0).Max();
            foreach (var i in Enumerable.Range(0, claims.Length).Where(i => claims[i].Weight > 0 && result[i] < claims[i].Demand - 1e-9))
            {
                Assert.True(result[i] / claims[i].Weight >= perWeight - 1e-9, "an unsatisfied claimant got less than its fair share per weight");
            }
        }
    }

    [Fact]
    public void Allocate_BadNumbers_AreTreatedAsZero()
    {
        var result = FairShare.Allocate(1.0, [new(double.NaN, Inf), new(-1, Inf), new(1, double.NaN), new(1, Inf)]);

        Assert.Equal([0, 0, 0, 1.0], result, Tolerance);
    }

    private static readonly IEqualityComparer<double> Tolerance = new ToleranceComparer();

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
