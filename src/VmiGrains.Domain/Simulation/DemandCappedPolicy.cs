using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;

namespace VmiGrains.Domain.Simulation;

/// <summary>
/// The policy VmiGrains had before issue 16, for comparison: memory and network caps are the weighted
/// max-min fair share of the host over measured use × 1.25 (unknown use: the weight's share), damped
/// (a change ≥ 2 % of the host and ≥ 10 % of the cap), whatever the host's load.
/// </summary>
public sealed class DemandCappedPolicy : ISimulatedPolicy
{
    private ResourceVector[]? _applied;

    /// <inheritdoc />
    public string Name => "demand-capped (before)";

    /// <inheritdoc />
    public IReadOnlyList<ResourceVector> Limits(int interval, SimulationScenario scenario, IReadOnlyList<ResourceVector>? measured)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var vmis = scenario.Vmis;
        double Want(int i, ResourceKind r) => measured is null ? double.PositiveInfinity : measured[i][r] * 1.25;
        var ram = FairShare.Allocate(1, [.. vmis.Select((v, i) => new Claim(v.Weight, Math.Min(v.MaxRam, Want(i, ResourceKind.Ram))))]);
        var net = FairShare.Allocate(1, [.. vmis.Select((v, i) => new Claim(v.Weight, Want(i, ResourceKind.Network)))]);
        var planned = vmis.Select((v, i) => new ResourceVector(1, ram[i], net[i], 1)).ToArray();
        if (_applied is null)
        {
            _applied = planned;
            return _applied;
        }

        _applied = [.. _applied.Select((a, i) => new ResourceVector(1, Damp(a.Ram, planned[i].Ram), Damp(a.Network, planned[i].Network), 1))];
        return _applied;
    }

    private static double Damp(double current, double wanted) =>
        Math.Abs(wanted - current) >= 0.02 && Math.Abs(wanted - current) >= 0.10 * current ? wanted : current;
}
