namespace VmiGrains.Abstractions.Model;

/// <summary>A row of <c>vmi host list</c>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.HostSummary")]
public sealed record HostSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Available,
    [property: Id(2)] int LogicalCpus,
    [property: Id(3)] ulong MemoryKiB,
    [property: Id(4)] int Vmis,
    [property: Id(5)] IReadOnlyList<string> UnsupportedKnobs,
    [property: Id(6)] DateTimeOffset? LastRebalance,
    [property: Id(7)] int Rebalances);
