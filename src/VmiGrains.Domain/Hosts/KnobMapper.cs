using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Hosts;

/// <summary>
/// Maps a VMI's <see cref="ResourceVector"/> on a host to concrete knobs, always inside the ranges
/// the host accepts, whatever the inputs (NaN, negative, above 1, zero capacity).
/// Rules:
/// CPU weight = the cgroup's default weight (v1 1024, v2 100) × share × the number of VMIs sharing the
/// host, held in the scale's range: the average VMI gets the default, as any process the host runs
/// besides VmiGrains' VMIs has, and weights stay proportional to shares (a weight only matters
/// against its siblings, so stretching shares over the whole range, as this once did, gave
/// 80,000-share VMIs next to 1,024-share neighbours);
/// blkio weight = 100 + share × 900;
/// memory target = share × host memory, held between the floor and the VMI's maximum memory
/// (the maximum wins when it is below the floor), and the memtune soft limit follows the target;
/// bandwidth average = share × link, at least the floor, peak = average × factor (≤ link, ≥ average),
/// burst = average × seconds (≥ 1 KiB), for every interface in both directions; all ≤ uint.MaxValue.
/// Vcpus and the hard limit are not derived from shares and stay unset.
/// </summary>
public static class KnobMapper
{
    /// <summary>
    /// The knobs for <paramref name="vmi"/> given its <paramref name="target"/> on <paramref name="host"/>,
    /// where <paramref name="peers"/> VMIs (this one included) share the host.
    /// </summary>
    public static KnobSet Map(ResourceVector target, HostCapacity host, VmiDescriptor vmi, KnobMappingOptions? options = null, int peers = 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(vmi);
        options ??= new KnobMappingOptions();

        var (cpuMin, cpuMax) = KnobRanges.CpuWeight(host.CpuWeightScale);
        var memory = MemoryTarget(Share(target.Ram), host.MemoryKiB, vmi.MaxMemoryKiB, options.MemoryFloorKiB);
        var limit = Bandwidth(Share(target.Network), host.NetworkKiBps, options);

        return new KnobSet
        {
            CpuWeight = Centred(Share(target.Cpu) * Math.Max(1, peers), KnobRanges.CpuWeightDefault(host.CpuWeightScale), cpuMin, cpuMax),
            BlkioWeight = Linear(Share(target.Storage), KnobRanges.BlkioWeightMin, KnobRanges.BlkioWeightMax),
            MemoryTargetKiB = memory,
            MemorySoftLimitKiB = memory,
            Bandwidth = [.. vmi.Interfaces.Select(i => new InterfaceBandwidth(i.Mac, limit, limit))],
        };
    }

    /// <summary>A share clamped to [0,1]; NaN and infinities count as 0.</summary>
    internal static double Share(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;

    /// <summary><paramref name="relative"/> × <paramref name="centre"/> (1 = an average share), within [min, max].</summary>
    internal static uint Centred(double relative, uint centre, uint min, uint max) =>
        (uint)Math.Clamp(Math.Round(relative * centre), min, max);

    internal static uint Linear(double share, uint min, uint max) =>
        (uint)Math.Clamp(Math.Round(min + (share * (max - min))), min, max);

    internal static ulong MemoryTarget(double share, ulong hostKiB, ulong maxKiB, ulong floorKiB)
    {
        var wanted = ToULong(share * hostKiB);
        var floor = Math.Min(floorKiB, maxKiB);
        return Math.Clamp(wanted, floor, maxKiB);
    }

    internal static BandwidthLimit Bandwidth(double share, ulong linkKiBps, KnobMappingOptions options)
    {
        var link = Math.Max(1, Math.Min(linkKiBps, uint.MaxValue));
        var floor = Math.Clamp(options.BandwidthFloorKiBps, 1UL, link);
        var average = Math.Clamp(ToULong(share * link), floor, link);
        var factor = double.IsFinite(options.PeakFactor) ? Math.Max(1, options.PeakFactor) : 1;
        var peak = Math.Clamp(ToULong(average * factor), average, link);
        var seconds = double.IsFinite(options.BurstSeconds) ? Math.Max(0, options.BurstSeconds) : 0;
        var burst = Math.Clamp(ToULong(average * seconds), 1UL, uint.MaxValue);
        return new BandwidthLimit((uint)average, (uint)peak, (uint)burst);
    }

    // Doubles above 2^64 or NaN do not convert predictably; saturate instead.
    private static ulong ToULong(double value) =>
        value is >= 0 and < 1.8e19 ? (ulong)Math.Round(value) : value >= 1.8e19 ? ulong.MaxValue : 0;
}
