using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>The contended link: a cap only where the link's own split would over-serve a VMI against its weight.</summary>
public static partial class WorkConservingPolicy
{
    private const ResourceKind Link = ResourceKind.Network;

    /// <summary>Network targets under contention: the weighted fair share for the VMIs it caps, the link for the rest.</summary>
    private static double[] ContendedLink(IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, WorkConservingOptions options)
    {
        var capped = Enumerable.Range(0, vmis.Count).Select(i => Limit(vmis[i], current[i]) < Max(vmis[i], Link) - 1e-9).ToArray();
        var demand = LinkDemand(vmis, current, capped, options);
        var weighted = FairShare.Allocate(1.0, [.. vmis.Select((v, i) => new Claim(v.Weights[Link], demand[i]))]);
        var equal = FairShare.Allocate(1.0, [.. demand.Select(d => new Claim(1, d))]);
        var result = new double[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            // A cap worth less than the damping threshold is not worth a knob; one in place stays while its VMI still wants more than its share.
            var caps = equal[i] - weighted[i] >= options.Damping.AbsoluteThreshold || (capped[i] && demand[i] > weighted[i] + 1e-9);
            result[i] = caps ? Math.Min(Max(vmis[i], Link), weighted[i]) : Max(vmis[i], Link);
        }

        return result;
    }

    /// <summary>
    /// What each VMI wants of the link: its maximum when unmeasured, when it uses at least the probe
    /// threshold of its cap, or — while no VMI is capped — when the link is full and it shares the top
    /// level with another VMI (the link's equal split holds them both back); else its traffic.
    /// </summary>
    private static double[] LinkDemand(IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, bool[] capped, WorkConservingOptions options)
    {
        var used = vmis.Select(v => Known(v.Used[Link]) ? Math.Min(v.Used[Link], Max(v, Link)) : double.NaN).ToArray();
        var measured = Enumerable.Range(0, vmis.Count).Where(i => double.IsFinite(used[i])).ToList();
        var level = measured.Count > 0 ? measured.Max(i => used[i]) : 0;
        var atLevel = measured.Where(i => level > 0 && used[i] >= options.ProbeThreshold * level).ToHashSet();
        var splitHolds = !capped.Contains(true) && atLevel.Count >= 2 && measured.Sum(i => used[i]) >= options.ProbeThreshold;
        var demand = new double[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            var wantsMore = !double.IsFinite(used[i])
                || (capped[i] && used[i] >= options.ProbeThreshold * Limit(vmis[i], current[i]))
                || (splitHolds && atLevel.Contains(i));
            demand[i] = wantsMore ? Max(vmis[i], Link) : used[i];
        }

        return demand;
    }

    private static double Limit(VmiDemand vmi, AppliedShares? applied) => Math.Min(applied?.Shares[Link] ?? 1, Max(vmi, Link));
}
