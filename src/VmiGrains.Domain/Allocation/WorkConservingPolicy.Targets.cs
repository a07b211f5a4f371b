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
                    ? r == Link ? ContendedLink(vmis, current, options) : ContendedMemory(vmis, current, options, stepped[(int)r])
                    : [.. vmis.Select(v => Max(v, r))];
        }

        return targets;
    }

    private static double[] ContendedMemory(IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, WorkConservingOptions options, bool[] stepped)
    {
        const ResourceKind r = ResourceKind.Ram;
        var wants = new double[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            wants[i] = Want(vmis[i], current[i]?.Shares[r], options);
        }

        // Used + floor is reserved first: the margins are shared by weight in what the floors leave, so they never push a neighbour under its floor.
        var floors = vmis.Select(MemoryFloor).ToArray();
        var margins = FairShare.Allocate(Math.Max(0, 1.0 - floors.Sum()), [.. vmis.Select((v, i) => new Claim(v.Weights[r], Math.Max(0, wants[i] - floors[i])))]);
        var grant = floors.Select((f, i) => f + margins[i]).ToArray();
        var left = Math.Max(0, 1.0 - grant.Sum());
        var extra = FairShare.Allocate(left, [.. vmis.Select((v, i) => new Claim(v.Weights[r], Math.Max(0, Max(v, r) - grant[i])))]);
        var result = new double[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            var max = Max(vmis[i], r);
            var target = Math.Max(Math.Min(max, grant[i] + extra[i]), floors[i]);
            if (current[i]?.Shares[r] is { } applied && target < applied - (options.MemoryStep * max))
            {
                target = applied - (options.MemoryStep * max);
                stepped[i] = true;
            }

            result[i] = target;
        }

        return result;
    }

    /// <summary>
    /// What a VMI claims of memory under pressure: its maximum when unmeasured or at its balloon, else its
    /// use plus the damping's relative threshold (a balloon is held until the wanted move reaches that
    /// fraction of it, so a claim without the margin would trap growth below it) plus the floor.
    /// </summary>
    private static double Want(VmiDemand vmi, double? limit, WorkConservingOptions options)
    {
        var max = Max(vmi, ResourceKind.Ram);
        var used = vmi.Used[ResourceKind.Ram];
        if (!Known(used) || (limit is { } l && used >= options.ProbeThreshold * l))
        {
            return max;
        }

        return Math.Min(max, (used * (1 + options.Damping.RelativeThreshold)) + Clean(vmi.MemoryFloor));
    }

    /// <summary>Used memory plus the floor, at most the maximum (0 when unmeasured: the floor of the knob mapping still holds).</summary>
    private static double MemoryFloor(VmiDemand vmi) =>
        Known(vmi.Used[ResourceKind.Ram]) ? Math.Min(Max(vmi, ResourceKind.Ram), vmi.Used[ResourceKind.Ram] + Clean(vmi.MemoryFloor)) : 0;

    private static double Clean(double value) => Known(value) ? value : 0;
}
