using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Simulation;

namespace VmiGrains.Domain.Tests.Simulation;

public sealed class TraceScenarioTests
{
    private static readonly IReadOnlyList<ResourceVector> Trace =
        [new(0, 0.2, 10, 0), new(0, 0.4, 20, 0), new(0, 0.6, 30, 0), new(0, 0.8, 40, 0)];

    [Fact]
    public void Create_TwoVmisOneTrace_ReplaysItOffsetAndWrappedAsFractionsOfTheHost()
    {
        var scenario = TraceScenario.Create("t", [Trace], vmis: 2, steps: 5, linkKiBps: 100);

        var maxRam = 1.5 / 2;
        Assert.Equal([0.2 * maxRam, 0.4 * maxRam, 0.6 * maxRam, 0.8 * maxRam, 0.2 * maxRam], scenario.Vmis[0].Ram);
        Assert.Equal([0.3, 0.4, 0.1, 0.2, 0.3], scenario.Vmis[1].Network, new Tolerance());
        Assert.Equal([0.4, 0.2], scenario.Vmis.Select(v => v.Weight));
    }

    [Fact]
    public void Create_NoTrace_IsRefused() =>
        Assert.Throws<ArgumentException>(() => TraceScenario.Create("t", [], 2, 5, 100));

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
