namespace VmiGrains.Domain.Network;

/// <summary>
/// The one qdisc tree VmiGrains owns on a tap (handle <c>766d:</c>) carries both a rule's
/// <c>shape_network</c> and the allocation's bandwidth when libvirt cannot enforce it. Rule: the rate
/// is the smaller of the two (both are ceilings); delay and jitter stay on the host only when the host
/// can run netem, else they go to the guest (<see cref="ShapingSide.Guest"/>) and the tap keeps rate
/// and loss. Null when nothing is left to shape on the tap.
/// </summary>
public static class TapShaping
{
    /// <summary>What the tap gets for <paramref name="shaping"/> (null: none) and a bandwidth ceiling (null: none).</summary>
    public static ShapingSpec? Compose(ShapingSpec? shaping, long? bandwidthKbit, ShapingSide side)
    {
        var rate = Min(shaping?.RateKbit, bandwidthKbit);
        var onHost = side == ShapingSide.Host;
        var spec = new ShapingSpec(
            onHost ? shaping?.DelayMs : null,
            onHost ? shaping?.JitterMs : null,
            shaping?.LossPercent,
            rate);
        return spec is { DelayMs: null, JitterMs: null, LossPercent: null, RateKbit: null } ? null : spec;
    }

    /// <summary>The part of <paramref name="shaping"/> that the guest applies when the host has no netem (null: nothing).</summary>
    public static ShapingSpec? ForGuest(ShapingSpec shaping)
    {
        ArgumentNullException.ThrowIfNull(shaping);
        return shaping.NeedsNetem ? new ShapingSpec(shaping.DelayMs, shaping.JitterMs, null, null) : null;
    }

    /// <summary>
    /// libvirt's average in KiB/s as the kbit/s tc takes (1 KiB/s = 8.192 kbit/s), at least
    /// <see cref="ShapingSpec.MinRateKbit"/>; null for 0 (libvirt's "no limit").
    /// </summary>
    public static long? KbitFromKiBps(uint averageKiBps) =>
        averageKiBps == 0 ? null : Math.Clamp((long)Math.Round(averageKiBps * 8.192), ShapingSpec.MinRateKbit, ShapingSpec.MaxRateKbit);

    private static long? Min(long? a, long? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;
}
