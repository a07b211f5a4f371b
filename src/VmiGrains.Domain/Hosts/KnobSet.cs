namespace VmiGrains.Domain.Hosts;

/// <summary>
/// Desired host-side controls for one VMI. A <see langword="null"/> member means "leave as it is",
/// so a knob set doubles as a diff: <see cref="Diff"/> keeps only what differs from what was applied.
/// </summary>
public sealed record KnobSet
{
    /// <summary>No knob at all.</summary>
    public static KnobSet Empty { get; } = new();

    /// <summary>CPU weight in the host's <see cref="CpuWeightScale"/>.</summary>
    public uint? CpuWeight { get; init; }

    /// <summary>Memory balloon target in KiB.</summary>
    public ulong? MemoryTargetKiB { get; init; }

    /// <summary>memtune soft limit in KiB.</summary>
    public ulong? MemorySoftLimitKiB { get; init; }

    /// <summary>memtune hard limit in KiB.</summary>
    public ulong? MemoryHardLimitKiB { get; init; }

    /// <summary>Active virtual CPUs.</summary>
    public uint? Vcpus { get; init; }

    /// <summary>Block IO weight, 100–1000.</summary>
    public uint? BlkioWeight { get; init; }

    /// <summary>Bandwidth per interface (by MAC); empty leaves every interface alone.</summary>
    public IReadOnlyList<InterfaceBandwidth> Bandwidth { get; init; } = [];

    /// <summary>True when no knob is set.</summary>
    public bool IsEmpty => CpuWeight is null && MemoryTargetKiB is null && MemorySoftLimitKiB is null
        && MemoryHardLimitKiB is null && Vcpus is null && BlkioWeight is null && Bandwidth.Count == 0;

    /// <summary>
    /// The knobs of this set that differ from <paramref name="applied"/> (what was last applied
    /// successfully); everything when <paramref name="applied"/> is <see langword="null"/>.
    /// </summary>
    public KnobSet Diff(KnobSet? applied)
    {
        if (applied is null)
        {
            return this;
        }

        return new KnobSet
        {
            CpuWeight = Changed(CpuWeight, applied.CpuWeight),
            MemoryTargetKiB = Changed(MemoryTargetKiB, applied.MemoryTargetKiB),
            MemorySoftLimitKiB = Changed(MemorySoftLimitKiB, applied.MemorySoftLimitKiB),
            MemoryHardLimitKiB = Changed(MemoryHardLimitKiB, applied.MemoryHardLimitKiB),
            Vcpus = Changed(Vcpus, applied.Vcpus),
            BlkioWeight = Changed(BlkioWeight, applied.BlkioWeight),
            Bandwidth = [.. Bandwidth.Where(b => !applied.Bandwidth.Contains(b))],
        };
    }

    /// <summary>This set without the knobs of <paramref name="kinds"/> (e.g. those the host is known not to support).</summary>
    public KnobSet Without(IReadOnlySet<KnobKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return kinds.Count == 0 ? this : new KnobSet
        {
            CpuWeight = kinds.Contains(KnobKind.CpuWeight) ? null : CpuWeight,
            MemoryTargetKiB = kinds.Contains(KnobKind.MemoryTarget) ? null : MemoryTargetKiB,
            MemorySoftLimitKiB = kinds.Contains(KnobKind.MemorySoftLimit) ? null : MemorySoftLimitKiB,
            MemoryHardLimitKiB = kinds.Contains(KnobKind.MemoryHardLimit) ? null : MemoryHardLimitKiB,
            Vcpus = kinds.Contains(KnobKind.Vcpus) ? null : Vcpus,
            BlkioWeight = kinds.Contains(KnobKind.BlkioWeight) ? null : BlkioWeight,
            Bandwidth = kinds.Contains(KnobKind.InterfaceBandwidth) ? [] : Bandwidth,
        };
    }

    /// <summary>Value equality including the bandwidth list's items.</summary>
    public bool Equals(KnobSet? other) =>
        other is not null
        && CpuWeight == other.CpuWeight
        && MemoryTargetKiB == other.MemoryTargetKiB
        && MemorySoftLimitKiB == other.MemorySoftLimitKiB
        && MemoryHardLimitKiB == other.MemoryHardLimitKiB
        && Vcpus == other.Vcpus
        && BlkioWeight == other.BlkioWeight
        && Bandwidth.SequenceEqual(other.Bandwidth);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(CpuWeight, MemoryTargetKiB, MemorySoftLimitKiB, MemoryHardLimitKiB, Vcpus, BlkioWeight, Bandwidth.Count);

    private static T? Changed<T>(T? desired, T? applied)
        where T : struct, IEquatable<T> =>
        desired is { } d && (applied is not { } a || !a.Equals(d)) ? d : null;
}
