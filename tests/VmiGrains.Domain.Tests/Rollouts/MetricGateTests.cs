using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rollouts;

namespace VmiGrains.Domain.Tests.Rollouts;

public sealed class MetricGateTests
{
    private static readonly RolloutGateCondition CpuP95 = new() { Metric = "cpu", MaxIncrease = 0.1 };

    [Fact]
    public void Evaluate_MeanRiseWithinTheLimit_PassesWithBothValues()
    {
        var result = MetricGate.Evaluate(CpuP95, [(0.2, 0.25), (0.4, 0.45)]);

        Assert.True(result.Passed);
        Assert.Equal("metric cpu p95, mean of 2 of 2 VMI(s): 0.3 before, 0.35 at the gate (+0.05, +16.7 %), within the limit", result.Evidence);
    }

    [Fact]
    public void Evaluate_MeanRiseAboveTheLimit_FailsSayingBy()
    {
        var result = MetricGate.Evaluate(CpuP95, [(0.1, 0.9)]);

        Assert.False(result.Passed);
        Assert.Equal("metric cpu p95, mean of 1 of 1 VMI(s): 0.1 before, 0.9 at the gate (+0.8, +800 %), rose more than +0.1", result.Evidence);
    }

    [Fact]
    public void Evaluate_OnlyPairedVmisCount_AVmiWithoutABaselineNeitherHelpsNorHurts()
    {
        var result = MetricGate.Evaluate(CpuP95, [(0.2, 0.2), (null, 0.99), (0.3, null)]);

        Assert.True(result.Passed);
        Assert.StartsWith("metric cpu p95, mean of 1 of 3 VMI(s): 0.2 before, 0.2 at the gate (+0, +0 %)", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoPairedSamples_NotEvaluatedAndSaysSo()
    {
        var result = MetricGate.Evaluate(CpuP95, [(null, 0.5), (null, null)]);

        Assert.True(result.Passed);
        Assert.Equal("metric cpu p95 not evaluated: none of the wave's 2 VMI(s) had samples both before the switch and at the gate", result.Evidence);
    }

    [Fact]
    public void Evaluate_PercentLimit_FromZeroAnyRiseFails_AndEveryLimitSetMustHold()
    {
        var percent = new RolloutGateCondition { Metric = "net_tx", Statistic = "avg", MaxIncreasePercent = 20 };
        Assert.True(MetricGate.Evaluate(percent, [(1000, 1150)]).Passed);
        Assert.False(MetricGate.Evaluate(percent, [(1000, 1250)]).Passed);
        var fromZero = MetricGate.Evaluate(percent, [(0, 1)]);
        Assert.False(fromZero.Passed);
        Assert.Equal("metric net_tx avg, mean of 1 of 1 VMI(s): 0 before, 1 at the gate (+1), rose more than +20 %", fromZero.Evidence);

        var both = percent with { MaxIncrease = 100 };
        var result = MetricGate.Evaluate(both, [(1000, 1150)]);
        Assert.False(result.Passed); // +15 % holds, +150 does not
        Assert.EndsWith("rose more than +100", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AFall_Passes()
    {
        Assert.True(MetricGate.Evaluate(CpuP95, [(0.8, 0.1)]).Passed);
    }

    [Theory]
    [InlineData("p95", 0.7)]
    [InlineData("avg", 0.4)]
    [InlineData("max", 0.9)]
    public void ValueOf_TakesTheNamedStatisticOfTheMetric(string statistic, double expected)
    {
        MetricSummary[] metrics = [new("mem", 0.1, 0.1, 0.1, 0.1, 0.1, 0, 5), new("cpu", 0.5, 0.4, 0.7, 0.9, 0.45, 0, 10)];

        Assert.Equal(expected, MetricGate.ValueOf(CpuP95 with { Statistic = statistic }, metrics));
    }

    [Fact]
    public void ValueOf_NoSamplesOrNoSuchMetric_IsNull()
    {
        Assert.Null(MetricGate.ValueOf(CpuP95, [new("cpu", 0, 0, 0, 0, 0, 0, 0)]));
        Assert.Null(MetricGate.ValueOf(CpuP95, [new("mem", 0.1, 0.1, 0.1, 0.1, 0.1, 0, 5)]));
    }
}
