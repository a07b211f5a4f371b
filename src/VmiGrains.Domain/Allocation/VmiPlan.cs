using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// The policy's answer for one VMI: the shares to hold after this plan, whether they differ from
/// what was applied, each cap below its maximum with the pressure that caused it, and why a wanted
/// change waits (<c>null</c> when nothing waits).
/// </summary>
public sealed record VmiPlan(string VmiId, ResourceVector Shares, bool Changed, IReadOnlyList<string> Caps, string? Deferred);
