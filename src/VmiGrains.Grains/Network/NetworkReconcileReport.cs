namespace VmiGrains.Grains.Network;

/// <summary>What <see cref="INetworkEnforcer.ReconcileAsync"/> removed.</summary>
/// <param name="RemovedChains">nft chains of VMIs that no longer exist.</param>
/// <param name="RemovedElements">Dispatch entries <c>map:tap</c> for taps their VMI no longer has.</param>
/// <param name="ClearedTaps">Devices whose VmiGrains qdisc was removed, and ifb devices of ours whose tap is gone (removed).</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.NetworkReconcileReport")]
public sealed record NetworkReconcileReport(
    [property: Id(0)] IReadOnlyList<string> RemovedChains,
    [property: Id(1)] IReadOnlyList<string> RemovedElements,
    [property: Id(2)] IReadOnlyList<string> ClearedTaps)
{
    /// <summary>True when nothing was removed.</summary>
    public bool IsEmpty => RemovedChains.Count == 0 && RemovedElements.Count == 0 && ClearedTaps.Count == 0;
}
