using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Rollouts;

namespace VmiGrains.Domain.Tests.Rollouts;

public sealed class RolloutPlanTests
{
    private static List<RolloutTarget> Fleet(int hosts, int perHost) =>
        [.. Enumerable.Range(0, hosts).SelectMany(h => Enumerable.Range(0, perHost).Select(v => new RolloutTarget($"vm-{h:D2}-{v:D3}", $"host-{h:D2}")))];

    [Fact]
    public void Create_HundredVmis_CanaryThenGrowingWavesCoverEveryVmiOnce()
    {
        var waves = RolloutPlan.Create(Fleet(4, 25), CanarySize.One, firstWavePercent: 10, growth: 2);

        Assert.Equal([1, 10, 20, 40, 29], waves.Select(w => w.Count));
        Assert.True(waves[0].Canary);
        Assert.All(waves.Skip(1), w => Assert.False(w.Canary));
        var all = waves.SelectMany(w => w.Hosts.SelectMany(h => h.VmiIds)).ToList();
        Assert.Equal(100, all.Count);
        Assert.Equal(100, all.Distinct().Count());
    }

    [Fact]
    public void Create_WavesAreGroupedPerHostAndTouchFewHosts()
    {
        var waves = RolloutPlan.Create(Fleet(4, 25), CanarySize.One, 10, 2);

        Assert.Equal(["host-00"], waves[0].Hosts.Select(h => h.Host));
        Assert.Single(waves[1].Hosts); // 10 VMIs, all still on host-00
        Assert.Equal(["host-01", "host-02"], waves[3].Hosts.Select(h => h.Host)); // VMIs 31..70
        Assert.All(waves, w => Assert.Equal(w.Hosts.Count, w.Hosts.Select(h => h.Host).Distinct().Count()));
    }

    [Fact]
    public void Create_PercentCanaryAndGrowthOne_EqualWaves()
    {
        var waves = RolloutPlan.Create(Fleet(2, 50), CanarySize.Parse("5%", "canary"), 20, 1);

        Assert.Equal([5, 20, 20, 20, 20, 15], waves.Select(w => w.Count));
    }

    [Fact]
    public void Create_CanaryLargerThanSelection_OneWaveOfEverything()
    {
        var waves = RolloutPlan.Create(Fleet(1, 3), new CanarySize(10, null), 10, 2);

        Assert.Equal([3], waves.Select(w => w.Count));
    }

    [Fact]
    public void Create_NothingSelected_NoWaves() => Assert.Empty(RolloutPlan.Create([], CanarySize.One, 10, 2));

    [Fact]
    public void Create_SameSelectionInAnotherOrder_SamePlan()
    {
        var fleet = Fleet(3, 7);
        var a = RolloutPlan.Create(fleet, CanarySize.One, 10, 2);
        var b = RolloutPlan.Create([.. Enumerable.Reverse(fleet)], CanarySize.One, 10, 2);

        Assert.Equal(a.Select(w => string.Join(",", w.Hosts.SelectMany(h => h.VmiIds))), b.Select(w => string.Join(",", w.Hosts.SelectMany(h => h.VmiIds))));
    }

    [Theory]
    [InlineData(0, 2, "batch")]
    [InlineData(101, 2, "batch")]
    [InlineData(10, 0, "growth")]
    [InlineData(10, 11, "growth")]
    public void Validate_OutOfRange_NamesTheField(int batch, int growth, string field)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => RolloutPlan.Validate(batch, growth));

        Assert.Equal(field, Assert.Single(ex.Errors).Path);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0%")]
    [InlineData("150%")]
    [InlineData("ten")]
    [InlineData("-3")]
    public void CanaryParse_Invalid_NamesValueAndFix(string text)
    {
        var error = Assert.Single(Assert.Throws<InvalidRequestException>(() => CanarySize.Parse(text, "--canary")).Errors);

        Assert.Equal("--canary", error.Path);
        Assert.Contains(text, error.Value, StringComparison.Ordinal);
        Assert.Contains("10%", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 100, 1)]
    [InlineData("3", 100, 3)]
    [InlineData("10%", 55, 6)]
    [InlineData("1%", 10, 1)]
    public void CanaryOf_CountOrPercent(string? text, int total, int expected) =>
        Assert.Equal(expected, CanarySize.Parse(text, "canary").Of(total));
}
