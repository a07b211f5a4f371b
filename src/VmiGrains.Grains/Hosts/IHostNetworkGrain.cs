using Orleans.Concurrency;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// The host's network enforcement for its VMIs (implemented by the host's <see cref="HypervisorGrain"/>,
/// where nftables and tc run). Each call returns null when done, or what went wrong: enforcement
/// failing is recorded by the VMI, never hidden, and never stops the rest of a profile from applying.
/// </summary>
[Alias("VmiGrains.IHostNetworkGrain")]
public interface IHostNetworkGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the VMI's network policy atomically (nftables, or libvirt's nwfilter with
    /// <c>VmiGrains:Network:PolicyBackend=nwfilter</c>). Besides a failure, the text may say how the
    /// policy is enforced more weakly than written on this host (e.g. stateless without bridge conntrack).
    /// </summary>
    [Alias("ApplyPolicy"), AlwaysInterleave]
    Task<string?> ApplyPolicyAsync(string vmiId, NetworkPolicy policy);

    /// <summary>
    /// Shapes the VMI's traffic (tc netem/tbf, nft loss); delay and jitter go inside the guest when the
    /// host kernel has no netem. The result says which side and why.
    /// </summary>
    [Alias("ShapeOnSide"), AlwaysInterleave]
    Task<ShapingResult> ShapeAsync(string vmiId, ShapingSpec spec);

    /// <summary>Removes the VMI's shaping from the side that applied it (the allocation's tc bandwidth stays).</summary>
    [Alias("ClearShaping"), AlwaysInterleave]
    Task<string?> ClearShapingAsync(string vmiId);

    /// <summary>
    /// Puts the VMI's in-guest shaping back after its guest restarted (netem inside the guest dies with it);
    /// null when done or when the VMI has none.
    /// </summary>
    [Alias("ReapplyInGuest"), AlwaysInterleave]
    Task<string?> ReapplyInGuestAsync(string vmiId);

    /// <summary>Removes everything VmiGrains put on the VMI's network (detach).</summary>
    [Alias("RemoveAll"), AlwaysInterleave]
    Task<string?> RemoveAllAsync(string vmiId);
}
