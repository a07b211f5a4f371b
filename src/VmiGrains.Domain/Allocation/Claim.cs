namespace VmiGrains.Domain.Allocation;

/// <summary>
/// One claimant of a resource: its weight (the profile's weight for the resource) and its demand
/// in the same unit as the capacity (<see cref="double.PositiveInfinity"/> when unknown: it takes
/// whatever its weight entitles it to).
/// </summary>
public readonly record struct Claim(double Weight, double Demand);
