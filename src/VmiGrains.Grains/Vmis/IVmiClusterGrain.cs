using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// What a host tells its VMIs (implemented by <see cref="VmiGrain"/>): the cluster's own protocol, not
/// part of the client surface. Clients calling it through a gateway are refused by the silo's
/// incoming call filter. Method aliases are those the methods had on <c>IVmiGrain</c>.
/// </summary>
[Alias("VmiGrains.IVmiClusterGrain")]
public interface IVmiClusterGrain : IGrainWithStringKey
{
    /// <summary>Called by the host when it discovers the VMI; idempotent. One-way: a host never waits on its VMIs.</summary>
    [Alias("Register"), OneWay]
    Task RegisterAsync(VmiRegistration registration);

    /// <summary>Samples from the host's statistics poll; one-way so that a host never waits on its VMIs.</summary>
    [Alias("IngestFromHost"), OneWay]
    Task IngestFromHostAsync(FeedbackBatch batch);

    /// <summary>Called by the host after a rebalance changed this VMI's allocation.</summary>
    [Alias("AllocationChanged"), OneWay]
    Task AllocationChangedAsync(Allocation allocation, string reason);

    /// <summary>Called by the host when its re-plan held back this VMI's new allocation (change budget, minimum dwell); once per deferral.</summary>
    [Alias("AllocationDeferred"), OneWay]
    Task AllocationDeferredAsync(string reason);

    /// <summary>
    /// Called by the host when the VMI's guest agent connects (the guest booted, or qemu-ga restarted): what
    /// the profile set inside the guest died with the guest's processes, so it is applied again.
    /// </summary>
    [Alias("GuestAgentConnected"), OneWay]
    Task GuestAgentConnectedAsync(string reason);

    /// <summary>Called by a host whose libvirt no longer has the VMI's domain (it was undefined); one-way.</summary>
    [Alias("DomainGone"), OneWay]
    Task DomainGoneAsync(string host);

    /// <summary>
    /// Called by the host's undo sweep when the earliest expiry this VMI reported (<paramref name="due"/>) has
    /// come, whether or not the grain is active: what expired is undone; <paramref name="cause"/> says why, if late.
    /// </summary>
    [Alias("UndoDue"), OneWay]
    Task UndoDueAsync(DateTimeOffset due, string cause);

    /// <summary>Called by the host when its network reconciler re-applied this VMI's shaping or bandwidth (recorded as a decision).</summary>
    [Alias("NetworkReconciled"), OneWay]
    Task NetworkReconciledAsync(string what, string reason);

    /// <summary>
    /// Called by this silo's tick scheduler when the VMI's fallback timer (registration
    /// <paramref name="ticket"/>) is due at <paramref name="due"/>; the scheduler's next turn is at
    /// <paramref name="nextDue"/>. Runs the rule tick unless a host sample's tick re-phased the timer since,
    /// or the ticket is not this activation's. Times are the silo's monotonic clock.
    /// </summary>
    [Alias("TickDue")]
    Task TickDueAsync(long ticket, TimeSpan due, TimeSpan nextDue);

    /// <summary>
    /// Called by a rollout: switches the VMI to <paramref name="profileId"/> v<paramref name="version"/> (no
    /// change when already there), with <paramref name="reason"/> (the rollout and wave) in the decision.
    /// </summary>
    [Alias("ApplyForRollout")]
    Task<ApplyResult> ApplyForRolloutAsync(string profileId, int version, string reason);

    /// <summary>
    /// Called by a rollout's what-if: what <paramref name="document"/> v<paramref name="version"/>'s rules would
    /// do on this VMI, replayed from its windows and events. Changes nothing.
    /// </summary>
    [Alias("WhatIf")]
    Task<RolloutWhatIfVmi> WhatIfAsync(ProfileDocument document, int version);
}
