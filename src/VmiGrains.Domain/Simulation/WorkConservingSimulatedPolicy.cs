using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;

namespace VmiGrains.Domain.Simulation;

/// <summary><see cref="WorkConservingPolicy"/> as the host grain runs it: it keeps the applied shares and the pressure between plans.</summary>
public sealed class WorkConservingSimulatedPolicy(WorkConservingOptions? options = null) : ISimulatedPolicy
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly WorkConservingOptions _options = options ?? new WorkConservingOptions();
    private readonly Dictionary<string, AppliedShares> _applied = new(StringComparer.Ordinal);
    private HostPressure _pressure = HostPressure.None;

    /// <inheritdoc />
    public string Name => "work-conserving (new)";

    /// <inheritdoc />
    public IReadOnlyList<ResourceVector> Limits(int interval, SimulationScenario scenario, IReadOnlyList<ResourceVector>? measured)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var now = Start.AddSeconds(interval * scenario.IntervalSeconds);
        var vmis = scenario.Vmis.Select((v, i) => new VmiDemand(v.Id, new ResourceVector(v.Weight, v.Weight, v.Weight, v.Weight),
            measured is null ? ResourceVector.Unknown : measured[i] with { Cpu = double.PositiveInfinity, Storage = double.PositiveInfinity },
            new ResourceVector(1, v.MaxRam, 1, 1), 0.005, Forced: false)).ToList();
        var plan = WorkConservingPolicy.Plan(vmis, _applied, _pressure, now, _options);
        _pressure = plan.Pressure;
        foreach (var p in plan.Vmis.Where(p => p.Changed))
        {
            _applied[p.VmiId] = AppliedShares.After(_applied.GetValueOrDefault(p.VmiId), p.Shares, now);
        }

        return [.. plan.Vmis.Select(p => p.Shares)];
    }
}
