namespace VmiGrains.Domain.Simulation;

/// <summary>
/// One VMI of a simulated host: its weight (memory and network alike), its configured memory as a
/// fraction of the host, and its demand per step (fractions of host memory and of the link).
/// </summary>
public sealed record SimulatedVmi(string Id, double Weight, double MaxRam, IReadOnlyList<double> Ram, IReadOnlyList<double> Network);
