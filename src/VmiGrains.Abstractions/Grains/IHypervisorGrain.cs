using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Abstractions.Grains;

/// <summary>
/// One hypervisor host, keyed by host name, active only on that host's silo. Owns the libvirt
/// connection, discovers the host's VMIs, polls statistics, and rebalances allocations.
/// </summary>
[Alias("VmiGrains.IHypervisorGrain")]
public interface IHypervisorGrain : IGrainWithStringKey
{
    /// <summary>Activates the host: discovers its domains and registers their VMI grains. Returns their ids.</summary>
    [Alias("Discover")]
    Task<IReadOnlyList<string>> DiscoverAsync();

    /// <summary>Capacity, VMIs and rebalance statistics.</summary>
    [Alias("Summary"), AlwaysInterleave]
    Task<HostSummary> GetSummaryAsync();

    /// <summary>
    /// Sets what a VMI asks for (weights; demand as fractions of the host, null when unknown) and
    /// rebalances the host. <paramref name="force"/> bypasses hysteresis (a profile change) and returns the
    /// VMI's allocation; otherwise null (the VMI hears of a change one-way). Interleaves: claims that
    /// arrive while the host is busy are committed together by one re-plan.
    /// </summary>
    [Alias("UpdateClaim"), AlwaysInterleave]
    Task<Allocation?> UpdateClaimAsync(string vmiId, ResourceWeights weights, IReadOnlyList<double>? demand, bool force, string reason);

    /// <summary>Removes a VMI's claim (profile detached) and rebalances.</summary>
    [Alias("RemoveClaim")]
    Task RemoveClaimAsync(string vmiId);

    /// <summary>Every VMI's current allocation on this host.</summary>
    [Alias("Allocations")]
    Task<IReadOnlyDictionary<string, Allocation>> GetAllocationsAsync();

    /// <summary>The knobs as libvirt reports them now for one VMI (for <c>vmi vm show</c> and drift checks).</summary>
    [Alias("ReadKnobs")]
    Task<Allocation?> ReadKnobsAsync(string vmiId);

    /// <summary>Compares every VMI's knobs with what was applied and re-applies drifted ones. Returns how many were corrected.</summary>
    [Alias("Reconcile")]
    Task<int> ReconcileAsync();
}
