using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Simulation;

/// <summary>
/// Fixed caps set once: equal shares (1/n of memory and link, what an operator does by hand) or
/// weighted shares (weight / Σ weights, libvirt <c>&lt;shares&gt;</c>-style proportions as hard caps).
/// </summary>
public sealed class StaticSharesPolicy(bool weighted) : ISimulatedPolicy
{
    /// <inheritdoc />
    public string Name => weighted ? "static-weighted" : "static-equal";

    /// <inheritdoc />
    public IReadOnlyList<ResourceVector> Limits(int interval, SimulationScenario scenario, IReadOnlyList<ResourceVector>? measured)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var total = scenario.Vmis.Sum(v => v.Weight);
        return [.. scenario.Vmis.Select(v =>
        {
            var share = weighted && total > 0 ? v.Weight / total : 1.0 / scenario.Vmis.Count;
            return new ResourceVector(share, Math.Min(v.MaxRam, share), share, share);
        })];
    }
}
