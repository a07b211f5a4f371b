using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// What one VMI asks of its host: its effective weights (profile weights with rule overrides) and
/// its demand per resource as a fraction of the host (<see cref="double.PositiveInfinity"/> when unknown).
/// </summary>
public sealed record VmiClaim(string VmiId, ResourceWeights Weights, ResourceShares Demand);
