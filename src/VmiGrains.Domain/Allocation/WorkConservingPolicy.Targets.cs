using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>The undamped targets: proportional by weight, work-conserving caps, probing and bounded balloon steps.</summary>
public static partial class WorkConservingPolicy
{
    /// <summary>Targets per resource (indexed by <see cref="ResourceKind"/>) and VMI; <paramref name="stepped"/> marks balloon shrinks cut to one step.</summary>
    private static double[][] Targets(IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, HostPressure pressure, WorkConservingOptions options, out bool[][] stepped)
    {
        var targets = new double[4][];
        stepped = new bool[4][];
        foreach (var r in Enum.GetValues<ResourceKind>())
        {
            stepped[(int)r] = new bool[vmis.Count];
            targets[(int)r] = !IsCapped(r)
                ? FairShare.Allocate(1.0, [.. vmis.Select(v => new Claim(v.Weights[r], double.PositiveInfinity))])
                : pressure.IsContended(r)
                    ? Contended(vmis, current, r, options, stepped[(int)r])
                    : [.. vmis.Select(v => Max(v, r))];
        }

        return targets;
    }

    private static double[] Contended(IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, ResourceKind r, WorkConservingOptions options, bool[] stepped)
    {
        var wants = new double[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            wants[i] = Want(vmis[i], current[i]?.Shares[r], r, options);
        }

        var grant = FairShare.Allocate(1.0, [.. vmis.Select((v, i) => new Claim(v.Weights[r], wants[i]))]);
        var left = Math.Max(0, 1.0 - grant.Sum());
        var extra = FairShare.Allocate(left, [.. vmis.Select((v, i) => new Claim(v.Weights[r], Math.Max(0, Max(v, r) - grant[i])))]);
        var result = new double[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            var max = Max(vmis[i], r);
            var target = Math.Min(max, grant[i] + extra[i]);
            if (r == ResourceKind.Ram)
            {
                target = Math.Max(target, MemoryFloor(vmis[i]));
                if (current[i]?.Shares[r] is { } applied && target < applied - (options.MemoryStep * max))
                {
                    target = applied - (options.MemoryStep * max);
                    stepped[i] = true;
                }
            }

            result[i] = target;
        }

        return result;
    }

    /// <summary>What a VMI claims under contention: its maximum when unmeasured or at its limit, else its use with margin.</summary>
    private static double Want(VmiDemand vmi, double? limit, ResourceKind r, WorkConservingOptions options)
    {
        var max = Max(vmi, r);
        var used = vmi.Used[r];
        if (!Known(used) || (limit is { } l && used >= options.ProbeThreshold * l))
        {
            return max;
        }

        return Math.Min(max, r == ResourceKind.Ram ? used + Clean(vmi.MemoryFloor) : used * Math.Max(1, options.NetworkHeadroom));
    }

    /// <summary>Used memory plus the floor, at most the maximum (0 when unmeasured: the floor of the knob mapping still holds).</summary>
    private static double MemoryFloor(VmiDemand vmi) =>
        Known(vmi.Used[ResourceKind.Ram]) ? Math.Min(Max(vmi, ResourceKind.Ram), vmi.Used[ResourceKind.Ram] + Clean(vmi.MemoryFloor)) : 0;

    private static double Clean(double value) => Known(value) ? value : 0;
}
