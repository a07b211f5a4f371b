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
    /// <summary>Replaces the VMI's network policy atomically.</summary>
    [Alias("ApplyPolicy"), AlwaysInterleave]
    Task<string?> ApplyPolicyAsync(string vmiId, NetworkPolicy policy);

    /// <summary>Shapes the VMI's traffic (tc netem/tbf, nft loss).</summary>
    [Alias("Shape"), AlwaysInterleave]
    Task<string?> ShapeAsync(string vmiId, ShapingSpec spec);

    /// <summary>Removes the VMI's shaping.</summary>
    [Alias("ClearShaping"), AlwaysInterleave]
    Task<string?> ClearShapingAsync(string vmiId);

    /// <summary>Removes everything VmiGrains put on the VMI's network (detach).</summary>
    [Alias("RemoveAll"), AlwaysInterleave]
    Task<string?> RemoveAllAsync(string vmiId);
}
