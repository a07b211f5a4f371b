using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// What the policy knows of one VMI, every amount a fraction of the host: its effective weights, what
/// it was measured using (infinity or NaN where nothing was measured yet), the most it can use (its
/// configured memory, the link), the memory kept above its used memory, and whether this plan must
/// apply to it whatever the damping (first claim, profile change, detach of a neighbour).
/// </summary>
public sealed record VmiDemand(string VmiId, ResourceVector Weights, ResourceVector Used, ResourceVector Maximum, double MemoryFloor, bool Forced);
