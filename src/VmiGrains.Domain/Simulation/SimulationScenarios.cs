namespace VmiGrains.Domain.Simulation;

/// <summary>
/// The built-in scenarios, generated from a seed: n VMIs with weights 0.4 and 0.2
/// alternating, each configured with 1.5 / n of host memory (a 1.5× overcommitted host), one step per
/// 10 s. Every trace carries ±10 % noise. Same seed, same traces.
/// </summary>
public static class SimulationScenarios
{
    /// <summary>The names, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["steady", "bursty", "diurnal", "noisy-neighbour", "big-transfer", "memory-leak"];

    /// <summary>Builds scenario <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static SimulationScenario Create(string name, int vmis, int steps, int seed)
    {
        var random = new Random(seed);
        var maxRam = 1.5 / vmis;
        double Noise(double value) => Math.Max(0, value * (1 + ((random.NextDouble() - 0.5) * 0.2)));
        SimulationScenario Build(string description, Func<int, int, double> ram, Func<int, int, double> net) => new(name, description, steps, 10,
            [.. Enumerable.Range(0, vmis).Select(i => new SimulatedVmi($"vm-{i:D3}", i % 2 == 0 ? 0.4 : 0.2, maxRam,
                [.. Enumerable.Range(0, steps).Select(t => Math.Min(maxRam, Noise(ram(i, t))))],
                [.. Enumerable.Range(0, steps).Select(t => Math.Min(1, Noise(net(i, t))))]))]);

        switch (name)
        {
            case "steady":
                return Build("every VMI at half its memory and 0.6 / n of the link: never contended", (_, _) => 0.5 * maxRam, (_, _) => 0.6 / vmis);
            case "bursty":
            {
                var bursts = Enumerable.Range(0, vmis).Select(_ => Bursts(random, steps)).ToArray();
                return Build("idle VMIs (0.02) that burst to half the link for 5-20 intervals, 1 in 10 chance per interval",
                    (_, _) => 0.4 * maxRam, (i, t) => bursts[i][t] ? 0.5 : 0.02);
            }

            case "diurnal":
                return Build("use follows a day compressed into the run: memory 40-70 %, link 0.3-1.2 in total",
                    (_, t) => maxRam * (0.4 + (0.3 * Wave(t, steps))), (_, t) => (0.3 + (0.9 * Wave(t, steps))) / vmis);
            case "noisy-neighbour":
                return Build("vm-000 wants the whole link all the time; the others 0.1 each", (_, _) => 0.5 * maxRam, (i, _) => i == 0 ? 1.0 : 0.1);
            case "big-transfer":
                return Build("all idle (0.02) until vm-001 starts a transfer wanting the whole link at a quarter of the run",
                    (_, _) => 0.4 * maxRam, (i, t) => i == 1 && t >= steps / 4 ? 1.0 : 0.02);
            case "memory-leak":
                return Build("vm-000's memory grows from 30 % to all of it; the others use 55 %",
                    (i, t) => i == 0 ? maxRam * (0.3 + (0.7 * t / Math.Max(1, steps - 1))) : 0.55 * maxRam, (_, _) => 0.3 / vmis);
            default:
                throw new ArgumentException($"scenario \"{name}\" is not known; use one of: {string.Join(", ", Names)}", nameof(name));
        }
    }

    /// <summary>The five policies compared, fresh (they keep state between steps).</summary>
    public static IReadOnlyList<ISimulatedPolicy> Policies() =>
        [new StaticSharesPolicy(weighted: false), new StaticSharesPolicy(weighted: true), new MomLikePolicy(), new DemandCappedPolicy(), new WorkConservingSimulatedPolicy()];

    private static double Wave(int t, int steps) => (Math.Sin(2 * Math.PI * t / Math.Max(1, steps)) + 1) / 2;

    private static bool[] Bursts(Random random, int steps)
    {
        var on = new bool[steps];
        for (var t = 0; t < steps; t++)
        {
            if (random.NextDouble() < 0.1)
            {
                var length = random.Next(5, 21);
                for (var k = t; k < Math.Min(steps, t + length); k++)
                {
                    on[k] = true;
                }

                t += length;
            }
        }

        return on;
    }
}
