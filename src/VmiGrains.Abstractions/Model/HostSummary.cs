namespace VmiGrains.Abstractions.Model;

/// <summary>
/// A row of <c>vmi host list</c>. <see cref="ClaimsWaiting"/>: claims (profile changes, demand
/// updates) queued for the host's next commit group while it is busy with the current one.
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
    [property: Id(8)] int ClaimsWaiting = 0);
