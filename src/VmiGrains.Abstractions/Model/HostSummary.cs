namespace VmiGrains.Abstractions.Model;

/// <summary>
/// A row of <c>vmi host list</c>. <see cref="ClaimsWaiting"/>: claims (profile changes, demand
/// updates) queued for the host's next commit group while it is busy with the current one.
/// <see cref="NoEffectKnobs"/>: knobs set on some VMI that this host ignores (e.g. <c>blkio_weight</c> on a non-BFQ device).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.HostSummary")]
public sealed record HostSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Available,
    [property: Id(2)] int LogicalCpus,
    [property: Id(3)] ulong MemoryKiB,
    [property: Id(4)] int Vmis,
    [property: Id(5)] IReadOnlyList<string> UnsupportedKnobs,
    [property: Id(6)] DateTimeOffset? LastRebalance,
    [property: Id(7)] int Rebalances,
    [property: Id(8)] int ClaimsWaiting = 0,
    [property: Id(9)] IReadOnlyList<string>? NoEffectKnobs = null)
{
    /// <summary>What enforces interface bandwidth for the host's VMIs (distinct, e.g. <c>tc (libvirt domiftune unsupported)</c>).</summary>
    [Id(10)] public IReadOnlyList<string> BandwidthEnforcement { get; init; } = [];

    /// <summary>Domains of this host whose UUID another host also has and keeps (<c>NAME (UUID) kept by host H</c>): not managed here.</summary>
    [Id(11)] public IReadOnlyList<string> IdentityConflicts { get; init; } = [];
}
