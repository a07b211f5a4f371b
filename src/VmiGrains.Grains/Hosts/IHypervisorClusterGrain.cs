using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// What the cluster asks of a host (implemented by <see cref="HypervisorGrain"/>): discovery, the VMIs'
/// claims and drift reconciliation. Not part of the client surface; clients calling it through a
/// gateway are refused by the silo's incoming call filter. Method aliases are those the methods had on
/// <c>IHypervisorGrain</c>.
/// </summary>
[Alias("VmiGrains.IHypervisorClusterGrain")]
public interface IHypervisorClusterGrain : IGrainWithStringKey
{
    /// <summary>Activates the host: discovers its domains and registers their VMI grains. Returns their ids.</summary>
    [Alias("Discover")]
    Task<IReadOnlyList<string>> DiscoverAsync();

    /// <summary>
    /// Sets what a VMI asks for (weights; demand as fractions of the host, null when unknown) and
    /// rebalances the host. <paramref name="force"/> bypasses hysteresis (a profile change) and returns the
    /// VMI's allocation; otherwise null (the VMI hears of a change one-way). Interleaves: claims that
    /// arrive while the host is busy are committed together by one re-plan.
    /// </summary>
    [Alias("UpdateClaim"), AlwaysInterleave]
    Task<Allocation?> UpdateClaimAsync(string vmiId, ResourceVector weights, ResourceVector? demand, bool force, string reason);

    /// <summary>
    /// A rollout's wave is on its way to these VMIs of the host: the group their claims join is not committed
    /// until every one has arrived or been dismissed (<see cref="DismissClaimAsync"/>), or <paramref name="within"/>
    /// has passed, so the host re-plans once for the wave instead of once per group of claims that happen to
    /// arrive together — and no VMI of the wave is moved (and its state written) by a neighbour's re-plan.
    /// </summary>
    [Alias("ExpectClaims"), AlwaysInterleave]
    Task ExpectClaimsAsync(IReadOnlyList<string> vmiIds, TimeSpan within);

    /// <summary>The claim <see cref="ExpectClaimsAsync"/> announced will not come (the VMI was on the version already, or failed).</summary>
    [Alias("DismissClaim"), AlwaysInterleave, OneWay]
    Task DismissClaimAsync(string vmiId);

    /// <summary>
    /// Removes a VMI's claim (profile detached) and rebalances. Interleaves like <see cref="UpdateClaimAsync"/>:
    /// removals that arrive while the host is busy (a forced profile delete) are committed together by one re-plan.
    /// </summary>
    [Alias("RemoveClaim"), AlwaysInterleave]
    Task RemoveClaimAsync(string vmiId);

    /// <summary>
    /// The earliest expiry of the VMI's temporary changes (null: none left), durable before the change takes
    /// effect: the host's undo sweep wakes the VMI then, active or not (<c>HypervisorGrain.Undo</c>). Interleaves
    /// (its body is serialised with the host's other state changes): a VMI switching in a rollout wave reports its
    /// undo while the wave's group waits for that VMI's claim.
    /// </summary>
    [Alias("ScheduleUndo"), AlwaysInterleave]
    Task ScheduleUndoAsync(string vmiId, DateTimeOffset? nextExpiry);

    /// <summary>Compares every VMI's knobs with what was applied and re-applies drifted ones. Returns how many were corrected.</summary>
    [Alias("Reconcile")]
    Task<int> ReconcileAsync();

    /// <summary>Whether libvirt on this host has a domain with this UUID now (asked live, not from the last discovery).</summary>
    [Alias("HasDomain"), AlwaysInterleave]
    Task<bool> HasDomainAsync(string vmiId);

    /// <summary>
    /// A VMI tells the host that another host (<paramref name="keptBy"/>) has the same UUID and keeps it, so this
    /// host must not manage its domain; null clears it. One-way: the VMI does not wait for the host's answer.
    /// </summary>
    [Alias("IdentityConflict"), OneWay]
    Task IdentityConflictAsync(string vmiId, string? keptBy);
}
