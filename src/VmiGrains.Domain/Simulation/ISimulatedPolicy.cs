using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Simulation;

/// <summary>
/// An allocation policy under simulation: at each step it sees what each VMI was served in the last
/// interval (what a host can measure: use never exceeds its cap) and returns each VMI's limits as
/// fractions of the host (<see cref="ResourceVector.Ram"/> balloon target, <see cref="ResourceVector.Network"/> bandwidth).
/// </summary>
public interface ISimulatedPolicy
{
    /// <summary>The policy's name in the comparison.</summary>
    string Name { get; }

    /// <summary>Limits for interval <paramref name="interval"/>; <paramref name="measured"/> is null at the first step.</summary>
    IReadOnlyList<ResourceVector> Limits(int interval, SimulationScenario scenario, IReadOnlyList<ResourceVector>? measured);
}
