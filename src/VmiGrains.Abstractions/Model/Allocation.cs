namespace VmiGrains.Abstractions.Model;

/// <summary>
/// A VMI's share of its host per resource (fractions in [0,1]) and the knob values that express it.
/// Knobs the driver could not apply are listed in <see cref="Unsupported"/> or <see cref="Failed"/>; knobs it set
/// that this host ignores (a blkio weight on a device not scheduled by bfq) in <see cref="NoEffect"/>, with the reason
/// (null in allocations stored before it existed).
/// <see cref="Caps"/> says, for each hard cap below the VMI's maximum (memory, network), the host
/// pressure that caused it; empty (or null, in allocations stored before it existed) when nothing is capped.
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
    [property: Id(10)] DateTimeOffset AppliedAt,
    [property: Id(11)] IReadOnlyList<string>? NoEffect = null,
    [property: Id(13)] IReadOnlyList<string>? Caps = null)
{
    /// <summary>
    /// What enforces <see cref="BandwidthAverageKiBps"/> on the host, e.g. <c>libvirt domiftune</c>,
    /// <c>tc on vnet3 (libvirt domiftune unsupported: …)</c>, or <c>not enforced: …</c> with the reason.
    /// </summary>
    [Id(12)] public string? BandwidthEnforcement { get; init; }
}
