using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>
/// One hypervisor host, keyed by host name, active only on that host's silo. Owns the libvirt
/// connection, discovers the host's VMIs, polls statistics, and rebalances allocations. This is what
/// clients may ask of it; discovery, claims and reconciliation are the cluster's own protocol.
/// </summary>
[Alias("VmiGrains.IHypervisorGrain")]
public interface IHypervisorGrain : IGrainWithStringKey
{
    /// <summary>Capacity, VMIs and rebalance statistics.</summary>
    [Alias("Summary"), AlwaysInterleave, RequiresScope(Scopes.Read)]
    Task<HostSummary> GetSummaryAsync();

    /// <summary>Every VMI's current allocation on this host.</summary>
    [Alias("Allocations"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyDictionary<string, Allocation>> GetAllocationsAsync();

    /// <summary>The knobs as libvirt reports them now for one VMI (for <c>vmi vm show</c> and drift checks).</summary>
    [Alias("ReadKnobs"), RequiresScope(Scopes.Read)]
    Task<Allocation?> ReadKnobsAsync(string vmiId);

    /// <summary>
    /// The packet and byte counters of the VMI's nftables rules on this host, read from <c>nft</c> now (for
    /// <c>vmi vm show</c> and <c>GET /api/v1/vms/{vmi}/network/counters</c>); empty when network enforcement is off
    /// here, the host is managed remotely, the nwfilter backend enforces the policy, or the VMI has no chain.
    /// </summary>
    [Alias("NetworkCounters"), AlwaysInterleave, RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<NetworkRuleCounter>> GetNetworkCountersAsync(string vmiId);
}
