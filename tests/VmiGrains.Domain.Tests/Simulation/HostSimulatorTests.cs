using VmiGrains.Domain.Simulation;

namespace VmiGrains.Domain.Tests.Simulation;

public sealed class HostSimulatorTests
{
    [Fact]
    public void Run_SameSeed_SameResults()
    {
        var first = SimulationScenarios.Names.SelectMany(n => SimulationScenarios.Policies().Select(p => HostSimulator.Run(SimulationScenarios.Create(n, 8, 120, 5), p))).ToList();
        var second = SimulationScenarios.Names.SelectMany(n => SimulationScenarios.Policies().Select(p => HostSimulator.Run(SimulationScenarios.Create(n, 8, 120, 5), p))).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_SteadyHost_WorkConservingLeavesNoDemandUnmetAndCapsNothing()
    {
        var result = HostSimulator.Run(SimulationScenarios.Create("steady", 8, 360, 1), new WorkConservingSimulatedPolicy());

        Assert.Equal(0, result.UnmetPercent, 9);
        Assert.Equal(0, result.UncontendedCaps);
        Assert.True(result.ChangesPerVmiHour <= 2, $"{result.ChangesPerVmiHour} knob changes per VMI per hour under ±10 % noise");
    }

    [Fact]
    public void Run_StaticEqualShares_CapAnIdleHostAndStarveABigTransfer()
    {
        var scenario = SimulationScenarios.Create("big-transfer", 8, 120, 1);

        var fixedCaps = HostSimulator.Run(scenario, new StaticSharesPolicy(weighted: false));
        var workConserving = HostSimulator.Run(scenario, new WorkConservingSimulatedPolicy());

        Assert.True(fixedCaps.UncontendedCaps > 0);
        Assert.True(double.IsPositiveInfinity(fixedCaps.IntervalsToFairShare), "a 1/8 cap never reaches the fair share of a lone transfer");
        Assert.True(workConserving.IntervalsToFairShare <= 3, $"{workConserving.IntervalsToFairShare} intervals to the fair share");
        Assert.True(workConserving.UnmetPercent < fixedCaps.UnmetPercent);
    }

    [Theory]
    [InlineData("noisy-neighbour")]
    [InlineData("big-transfer")]
    public void Run_LinkContention_WorkConservingLeavesNoMoreUnmetThanMomLike(string name)
    {
        // mom-like leaves the link to its own max-min split: no policy serves more of it. Caps only where
        // weights change the split keep that, where capping every VMI at its share of the measured use did not.
        var scenario = SimulationScenarios.Create(name, 8, 360, 1);

        var mom = HostSimulator.Run(scenario, new MomLikePolicy());
        var workConserving = HostSimulator.Run(scenario, new WorkConservingSimulatedPolicy());

        Assert.True(workConserving.UnmetPercent <= mom.UnmetPercent + 1e-9, $"{workConserving.UnmetPercent} % unmet vs mom-like's {mom.UnmetPercent} %");
        Assert.True(workConserving.Fairness >= mom.Fairness - 1e-9);
    }

    [Fact]
    public void Serve_OverCapacity_SharesTheHostMaxMinFairly()
    {
        var served = HostSimulator.Serve([0.9, 0.3, 0.05], [1, 1, 1]);

        Assert.Equal([0.65, 0.3, 0.05], served, new ToleranceComparer());
    }

    [Fact]
    public void Create_UnknownScenario_NamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => SimulationScenarios.Create("busy", 4, 10, 1));

        Assert.Contains("steady, bursty", error.Message, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
