using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>
/// Enforces VMIs' network policies and simulated conditions on this host (nftables table
/// <c>inet|bridge vmigrains</c>, tc root qdiscs with handle <c>766d:</c>). Every method is idempotent and
/// serialised per host; a failed call leaves the previous state in force. Undo of temporary changes
/// is the VMI's (durable undo records, carried out by the host's sweep), which calls these methods.
/// </summary>
public interface INetworkEnforcer
{
    /// <summary>Installs or atomically replaces the VMI's policy on its taps.</summary>
    Task ApplyPolicyAsync(string vmiId, IReadOnlyList<string> taps, NetworkPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>Installs or replaces simulated delay/jitter/rate (tc) and loss (nft) on traffic to the VMI.</summary>
    Task ShapeAsync(string vmiId, IReadOnlyList<string> taps, ShapingSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Removes every simulated condition of the VMI (no-op when none).</summary>
    Task ClearShapingAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken = default);

    /// <summary>Removes everything of the VMI: policy and shaping (detach, undefine).</summary>
    Task RemoveAllAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes what VmiGrains installed for VMIs not in <paramref name="live"/> (chains, dispatch
    /// entries, our qdiscs on taps no live VMI has) and reports it; leaves everything else untouched.
    /// </summary>
    Task<NetworkReconcileReport> ReconcileAsync(IReadOnlyCollection<VmiInterfaces> live, CancellationToken cancellationToken = default);

    /// <summary>
    /// How <paramref name="policy"/> is enforced more weakly on this host than written (e.g. stateless
    /// where the kernel lacks bridge conntrack), for the VMI's decision; null when it is enforced as written.
    /// </summary>
    Task<string?> PolicyCaveatAsync(NetworkPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Limits what the VMI sends (its taps' ingress, redirected to an ifb of ours with a tbf) to
    /// <paramref name="rateKbit"/> kbit/s, or removes that limit (null).
    /// </summary>
    Task LimitOutboundAsync(string vmiId, IReadOnlyList<string> taps, long? rateKbit, CancellationToken cancellationToken = default);

    /// <summary>Devices that carry a root qdisc of ours (handle <c>766d:</c>), for the reconciler to spot one that went missing.</summary>
    Task<IReadOnlySet<string>> GetShapedDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary>The rule counters of the VMI's chains (empty when it has none).</summary>
    Task<IReadOnlyList<NetworkRuleCounter>> GetCountersAsync(string vmiId, CancellationToken cancellationToken = default);
}
