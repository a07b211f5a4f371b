using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// A host's allocation that a real host can live with: work-conserving, bounded in its changes.
/// <para>Rules (every amount a fraction of the host):</para>
/// <list type="bullet">
/// <item><b>Proportional resources</b> (CPU, storage: cgroup weights, which only bite under contention)
/// are shared by weight alone, share = weight / Σ weights, so the average VMI gets the host's default
/// weight (<see cref="Hosts.KnobMapper"/>) and an idle neighbour costs nobody anything.</item>
/// <item><b>Pressure with hysteresis</b> (memory, network: hard caps): a resource becomes contended when
/// the VMIs' measured use reaches its threshold (<see cref="WorkConservingOptions.MemoryPressure"/>,
/// <see cref="WorkConservingOptions.NetworkPressure"/>) and stays so until use falls
/// <see cref="WorkConservingOptions.Hysteresis"/> below it. Unmeasured use counts as none.</item>
/// <item><b>Work-conserving:</b> while a resource is not contended every VMI's target is its maximum
/// (its configured memory, the link).</item>
/// <item><b>Memory under pressure, weights decide:</b> each VMI claims its used memory × (1 +
/// the damping's <see cref="DampingOptions.RelativeThreshold"/>) + floor — the damping holds a balloon
/// until the wanted move reaches that fraction, so a claim without the margin would trap growth below
/// it — or its maximum when unmeasured or when it uses at least <see cref="WorkConservingOptions.ProbeThreshold"/>
/// of its balloon (a VMI at its cap "wants more"), and gets the weighted max-min fair share of the host
/// (<see cref="FairShare"/>); what is left above the satisfied claims is shared again by weight up to
/// each VMI's maximum. Memory never goes below used + floor.</item>
/// <item><b>The link under pressure, caps only where weights change the outcome:</b> an uncapped VMI
/// gets what the link's own max-min split gives it (every sender alike), so a VMI is capped only where
/// that equal split of the VMIs' demands would give it at least the damping's absolute threshold more
/// than its weighted max-min fair share, and then at that share; every other VMI keeps the whole link,
/// and the link stays work-conserving among them (a cap that binds while others leave the link idle is
/// unmet demand no split would leave). A VMI's demand is its traffic, or its maximum when unmeasured,
/// when it uses at least the probe threshold of its cap, or — while no VMI is capped — when the link
/// is full (use ≥ the probe threshold of it) and at least two VMIs are at its top level (the signature
/// of the equal split holding them back). A cap stays, recomputed, while its VMI wants more than its
/// share (no flapping at the boundary). The caps add up to at most the link (they are fair shares of
/// it); the uncapped VMIs' shares are the link itself, so network shares are not zero-sum.</item>
/// <item><b>Probe bound:</b> a VMI found at its limit claims its maximum, so the very next plan grants
/// it at least min(its fair share, its maximum) — one plan, delayed only by its dwell
/// (⌈<see cref="WorkConservingOptions.MinimumDwell"/> / interval⌉ plans) and by the change budget
/// (at most ⌈n / budget⌉ − 1 plans, since waiting VMIs go first), and for memory by the neighbours'
/// bounded shrinking. An uncapped VMI is held back only by the link's equal split, which never gives
/// it less than min(its demand, 1 / n of the link).</item>
/// <item><b>Memory like an overcommit manager:</b> a balloon shrinks at most
/// <see cref="WorkConservingOptions.MemoryStep"/> of the VMI's maximum per plan; growing back is not
/// bounded, and changes that return memory go first in the change budget.</item>
/// <item><b>Damping:</b> a resource moves only when the change is at least the absolute threshold
/// (relative to the VMI's maximum for capped resources) and the relative threshold of its value, and
/// it did not change within the cooldown; reaching the maximum, a step-bounded shrink and a shrink of a
/// contended resource that is still over-subscribed always pass.</item>
/// <item><b>Change budget and dwell:</b> per plan at most max(<see cref="WorkConservingOptions.ChangeBudgetMinimum"/>,
/// ⌈<see cref="WorkConservingOptions.ChangeBudgetFraction"/> × n⌉) VMIs get new knobs, longest-unchanged
/// first after returns; a VMI changed within its dwell waits. Forced VMIs (first claim, profile
/// change, detach) pass both. What waits says why in <see cref="VmiPlan.Deferred"/>.</item>
/// <item><b>Zero-sum under contention:</b> where memory is under pressure (and always, for proportional
/// resources) the increases of this plan are scaled down so that the shares add up to at most 1 (or to no
/// more than before, while caps set before contention are still coming down), unless the floors
/// alone exceed the host. Changes that free a contended resource go first in the budget, so caps
/// come down within ⌈n / budget⌉ plans and balloons within ⌈n / budget⌉ ×
/// ⌈1 / <see cref="WorkConservingOptions.MemoryStep"/>⌉: the over-subscription an overcommit manager lives with while it shrinks.</item>
/// </list>
/// Pure and deterministic: the caller keeps the applied shares, the pressure and the clock.
/// </summary>
public static partial class WorkConservingPolicy
{
    /// <summary>The resources capped by a hard limit (balloon, bandwidth); the others are weights.</summary>
    public static bool IsCapped(ResourceKind resource) => resource is ResourceKind.Ram or ResourceKind.Network;

    /// <summary>Plans the host for <paramref name="vmis"/>, given what was applied and the previous plan's pressure.</summary>
    public static AllocationPlan Plan(
        IReadOnlyList<VmiDemand> vmis,
        IReadOnlyDictionary<string, AppliedShares> applied,
        HostPressure previous,
        DateTimeOffset now,
        WorkConservingOptions options)
    {
        ArgumentNullException.ThrowIfNull(vmis);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(options);

        var pressure = DetectPressure(vmis, previous, options);
        var current = vmis.Select(v => applied.GetValueOrDefault(v.VmiId)).ToArray();
        var targets = Targets(vmis, current, pressure, options, out var stepped);
        var budget = Math.Max(options.ChangeBudgetMinimum, (int)Math.Ceiling(options.ChangeBudgetFraction * vmis.Count));
        var (final, deferred) = Select(vmis, current, targets, stepped, pressure, now, options, budget);
        KeepZeroSum(vmis, current, final, pressure);

        var plans = new VmiPlan[vmis.Count];
        for (var i = 0; i < vmis.Count; i++)
        {
            var shares = ResourceVector.From(r => final[(int)r][i]);
            var changed = current[i] is null || current[i]!.Shares != shares;
            plans[i] = new VmiPlan(vmis[i].VmiId, shares, changed, Caps(vmis[i], shares, pressure, options), changed ? null : deferred[i]);
        }

        return new AllocationPlan(pressure, plans, budget);
    }

    /// <summary>Measured demand per resource and the contended set after hysteresis.</summary>
    public static HostPressure DetectPressure(IReadOnlyList<VmiDemand> vmis, HostPressure previous, WorkConservingOptions options)
    {
        ArgumentNullException.ThrowIfNull(vmis);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(options);
        var demand = ResourceVector.From(r => vmis.Sum(v => Known(v.Used[r]) ? Math.Min(v.Used[r], Max(v, r)) : 0));
        var contended = new HashSet<ResourceKind>();
        foreach (var r in Enum.GetValues<ResourceKind>().Where(IsCapped))
        {
            var threshold = options.Threshold(r);
            if (demand[r] >= threshold || (previous.IsContended(r) && demand[r] >= threshold - options.Hysteresis))
            {
                contended.Add(r);
            }
        }

        return new HostPressure(demand, contended);
    }

    private static List<string> Caps(VmiDemand vmi, ResourceVector shares, HostPressure pressure, WorkConservingOptions options)
    {
        var caps = new List<string>();
        foreach (var r in Enum.GetValues<ResourceKind>().Where(IsCapped))
        {
            var max = Max(vmi, r);
            if (shares[r] >= max - 1e-9)
            {
                continue;
            }

            var name = Name(r);
            caps.Add(pressure.IsContended(r)
                ? FormattableString.Invariant($"{name} capped at {shares[r]:P1} of the host (max {max:P1}): host {name} pressure, use {pressure.Demand[r]:P0} of the host (threshold {options.Threshold(r):P0}, ends below {options.Threshold(r) - options.Hysteresis:P0})")
                : FormattableString.Invariant($"{name} at {shares[r]:P1} of the host (max {max:P1}): returning after host {name} pressure ended (use {pressure.Demand[r]:P0})"));
        }

        return caps;
    }

    /// <summary>The resource as decisions and logs name it.</summary>
    public static string Name(ResourceKind resource) => resource switch
    {
        ResourceKind.Ram => "memory",
        ResourceKind.Network => "network",
        ResourceKind.Cpu => "cpu",
        _ => "storage",
    };

    internal static bool Known(double value) => double.IsFinite(value) && value >= 0;

    internal static double Max(VmiDemand vmi, ResourceKind resource) =>
        Known(vmi.Maximum[resource]) ? Math.Clamp(vmi.Maximum[resource], 0, 1) : 1;
}
