using System.Globalization;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Argument lists for <c>tc</c> (run without a shell). Ownership rule: a root qdisc with handle
/// <see cref="Handle"/> (<c>766d:</c>, ASCII "vm") on a tap belongs to VmiGrains; nothing else is
/// touched. A root qdisc on the tap shapes what the host sends to the VMI, i.e. the VMI's ingress.
/// </summary>
public static class TcCommands
{
    /// <summary>The handle of every qdisc VmiGrains installs.</summary>
    public const string Handle = "766d:";

    /// <summary>
    /// Installs or replaces the qdisc for <paramref name="spec"/>'s delay, jitter and rate:
    /// <c>netem delay Xms Yms rate Nkbit</c> when delay or jitter is set, else <c>tbf rate Nkbit</c>
    /// (tbf is in every kernel; netem is a module minimal kernels lack). Loss is not a tc parameter
    /// here: it is simulated in nft (<see cref="NftScriptCompiler.ApplyLoss"/>). Null when the spec
    /// needs no qdisc.
    /// </summary>
    public static IReadOnlyList<string>? Replace(string tap, ShapingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        InterfaceNames.ThrowIfInvalid([tap], "tap");
        spec.ThrowIfInvalid();
        var args = new List<string> { "qdisc", "replace", "dev", tap, "root", "handle", Handle };
        if (spec.NeedsNetem)
        {
            args.AddRange(["netem", "delay", Ms(spec.DelayMs ?? 0)]);
            if (spec.JitterMs is > 0)
            {
                args.Add(Ms(spec.JitterMs.Value));
            }

            if (spec.RateKbit is { } netemRate)
            {
                args.AddRange(["rate", Kbit(netemRate)]);
            }

            return args;
        }

        if (spec.RateKbit is not { } rate)
        {
            return null;
        }

        // Bucket: 10 ms worth of bytes at the rate, at least two full-size frames so packets can pass.
        var burstBytes = Math.Max(3200, rate * 1000 / 8 / 100);
        args.AddRange(["tbf", "rate", Kbit(rate), "burst", burstBytes.ToString(CultureInfo.InvariantCulture), "latency", "100ms"]);
        return args;
    }

    /// <summary>Removes our root qdisc from <paramref name="tap"/> (the kernel restores its default).</summary>
    public static IReadOnlyList<string> Delete(string tap)
    {
        InterfaceNames.ThrowIfInvalid([tap], "tap");
        return ["qdisc", "del", "dev", tap, "root", "handle", Handle];
    }

    /// <summary>Lists the qdiscs of one device, or of all devices when <paramref name="tap"/> is null, as JSON.</summary>
    public static IReadOnlyList<string> Show(string? tap) =>
        tap is null ? ["-j", "qdisc", "show"] : ["-j", "qdisc", "show", "dev", tap];

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static string Kbit(long kbit) => kbit.ToString(CultureInfo.InvariantCulture) + "kbit";
}
