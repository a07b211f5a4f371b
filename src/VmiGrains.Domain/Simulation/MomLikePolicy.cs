using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Simulation;

/// <summary>
/// What oVirt's MoM does: under host memory pressure (measured use ≥ 90 % of the host) each balloon
/// shrinks 5 % of the VM's memory per cycle, never below use + 1 % of the host; without pressure it
/// grows back 5 % per cycle. No network control (every VMI may use the link).
/// </summary>
public sealed class MomLikePolicy : ISimulatedPolicy
{
    private double[]? _balloon;

    /// <inheritdoc />
    public string Name => "mom-like";

    /// <inheritdoc />
    public IReadOnlyList<ResourceVector> Limits(int interval, SimulationScenario scenario, IReadOnlyList<ResourceVector>? measured)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var vmis = scenario.Vmis;
        _balloon ??= [.. vmis.Select(v => v.MaxRam)];
        var pressure = measured is not null && measured.Sum(m => m.Ram) >= 0.9;
        for (var i = 0; i < vmis.Count; i++)
        {
            var step5 = 0.05 * vmis[i].MaxRam;
            _balloon[i] = pressure
                ? Math.Max(Math.Min(vmis[i].MaxRam, measured![i].Ram + 0.01), _balloon[i] - step5)
                : Math.Min(vmis[i].MaxRam, _balloon[i] + step5);
        }

        return [.. _balloon.Select(b => new ResourceVector(1, b, 1, 1))];
    }
}
