namespace VmiGrains.Domain.Simulation;

/// <summary>A host's VMIs with their demand traces; every trace has <see cref="Steps"/> values, one per interval.</summary>
public sealed record SimulationScenario(string Name, string Description, int Steps, double IntervalSeconds, IReadOnlyList<SimulatedVmi> Vmis);
