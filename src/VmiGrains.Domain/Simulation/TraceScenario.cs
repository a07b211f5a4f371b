using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Simulation;

/// <summary>
/// A scenario from recorded telemetry (e.g. <c>examples/telemetry/*.jsonl</c>, recorded demo runs).
/// Rule: VMI i replays trace i mod t, one recorded sample per interval, starting i × len / n samples in
/// (so copies of one trace do not move in step) and wrapping around; its memory demand is the sample's
/// memory use × its configured memory (1.5 / n of the host, as the built-in scenarios), its network
/// demand the sample's rx + tx KiB/s over the link. Weights 0.4 / 0.2 alternate. Pure and deterministic.
/// </summary>
public static class TraceScenario
{
    /// <summary>
    /// Builds a scenario of <paramref name="vmis"/> VMIs from <paramref name="traces"/>: each a list of samples
    /// with <see cref="ResourceVector.Ram"/> = memory use (0..1 of the VM) and <see cref="ResourceVector.Network"/> = KiB/s.
    /// </summary>
    public static SimulationScenario Create(string name, IReadOnlyList<IReadOnlyList<ResourceVector>> traces, int vmis, int steps, double linkKiBps)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0 || traces.Any(t => t.Count == 0) || linkKiBps <= 0)
        {
            throw new ArgumentException("needs at least one trace, each with at least one sample, and a positive link speed", nameof(traces));
        }

        var maxRam = 1.5 / vmis;
        static double Clean(double value) => double.IsFinite(value) ? Math.Max(0, value) : 0;
        return new SimulationScenario(name, $"{traces.Count} recorded trace(s) replayed by {vmis} VMIs on a {linkKiBps:0} KiB/s link", steps, 10,
            [.. Enumerable.Range(0, vmis).Select(i =>
            {
                var trace = traces[i % traces.Count];
                var offset = i * trace.Count / vmis;
                ResourceVector At(int t) => trace[(offset + t) % trace.Count];
                return new SimulatedVmi($"vm-{i:D3}", i % 2 == 0 ? 0.4 : 0.2, maxRam,
                    [.. Enumerable.Range(0, steps).Select(t => Math.Min(1, Clean(At(t).Ram)) * maxRam)],
                    [.. Enumerable.Range(0, steps).Select(t => Math.Min(1, Clean(At(t).Network) / linkKiBps))]);
            })]);
    }
}
