namespace VmiGrains.Abstractions.Model;

/// <summary>
/// A VMI's share of its host per resource (fractions in [0,1]) and the knob values that express it.
/// Knobs the driver could not apply are listed in <see cref="Unsupported"/> or <see cref="Failed"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.Allocation")]
public sealed record Allocation(
    [property: Id(0)] double CpuShare,
    [property: Id(1)] double RamShare,
    [property: Id(2)] double NetworkShare,
    [property: Id(3)] double StorageShare,
    [property: Id(4)] uint? CpuWeight,
    [property: Id(5)] ulong? MemoryTargetKiB,
    [property: Id(6)] uint? BlkioWeight,
    [property: Id(7)] uint? BandwidthAverageKiBps,
    [property: Id(8)] IReadOnlyList<string> Unsupported,
    [property: Id(9)] IReadOnlyList<string> Failed,
    [property: Id(10)] DateTimeOffset AppliedAt);
