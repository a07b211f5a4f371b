using System.Globalization;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>Damping, dwell, the change budget and the zero-sum guard.</summary>
public static partial class WorkConservingPolicy
{
    private static (double[][] Final, string?[] Deferred) Select(
        IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, double[][] targets, bool[][] stepped,
        HostPressure pressure, DateTimeOffset now, WorkConservingOptions options, int budget)
    {
        var final = Enumerable.Range(0, 4).Select(_ => new double[vmis.Count]).ToArray();
        var deferred = new string?[vmis.Count];
        // While contended memory is still over-subscribed (balloons from before pressure), shrinking it is never damped.
        var over = Enum.GetValues<ResourceKind>().Select(r => r == ResourceKind.Ram && pressure.IsContended(r) && current.Sum(c => c?.Shares[r] ?? 0) > 1 + 1e-12).ToArray();
        var candidates = new List<(int Index, bool Returns, bool Yields, DateTimeOffset Last, double[] Proposed)>();
        for (var i = 0; i < vmis.Count; i++)
        {
            var cur = current[i];
            if (cur is null || vmis[i].Forced)
            {
                Set(final, i, r => targets[(int)r][i]);
                continue;
            }

            var proposed = new double[4];
            var moves = false;
            var returns = false;
            var yields = false;
            foreach (var r in Enum.GetValues<ResourceKind>())
            {
                var (from, to) = (cur.Shares[r], targets[(int)r][i]);
                var cooling = now - cur.ChangedAt[(int)r] < options.Damping.Cooldown;
                var passes = !cooling && Passes(from, to, IsCapped(r) ? Max(vmis[i], r) : 1, stepped[(int)r][i] || (over[(int)r] && to < from), options.Damping);
                proposed[(int)r] = passes ? to : from;
                moves |= passes;
                returns |= passes && IsCapped(r) && to > from && !pressure.IsContended(r);
                yields |= passes && IsCapped(r) && to < from && pressure.IsContended(r);
            }

            Set(final, i, r => cur.Shares[r]);
            var last = cur.ChangedAt.Max();
            if (!moves)
            {
                continue;
            }

            if (now - last < options.MinimumDwell)
            {
                deferred[i] = string.Create(CultureInfo.InvariantCulture,
                    $"minimum dwell: knobs changed {(now - last).TotalSeconds:0.#} s ago, left alone for {options.MinimumDwell.TotalSeconds:0.#} s");
                continue;
            }

            candidates.Add((i, returns, yields, last, proposed));
        }

        // Returns first, then what frees a contended resource (an increase cannot land before it), then the longest waiting.
        var ordered = candidates.OrderByDescending(c => c.Returns).ThenByDescending(c => c.Yields).ThenBy(c => c.Last).ThenBy(c => vmis[c.Index].VmiId, StringComparer.Ordinal).ToList();
        for (var k = 0; k < ordered.Count; k++)
        {
            var (i, _, _, _, proposed) = ordered[k];
            if (k < budget)
            {
                Set(final, i, r => proposed[(int)r]);
            }
            else
            {
                deferred[i] = $"change budget: {budget} of {vmis.Count} VMIs get new knobs per plan; {ordered.Count} wanted a change, this one waits its turn";
            }
        }

        return (final, deferred);
    }

    /// <summary>Today's damping rule, with the absolute threshold relative to <paramref name="scale"/> (the VMI's maximum for caps); <paramref name="always"/> passes any move.</summary>
    private static bool Passes(double from, double to, double scale, bool always, DampingOptions damping)
    {
        var delta = Math.Abs(to - from);
        if (delta < 1e-12)
        {
            return false;
        }

        var reachesMax = to >= scale - 1e-9 && from < scale - 1e-9;
        return always || reachesMax || (delta >= damping.AbsoluteThreshold * scale && delta >= damping.RelativeThreshold * from);
    }

    /// <summary>Where a resource is shared zero-sum (weights; memory under pressure), this plan's increases shrink until the shares fit the host (memory not below its floor).</summary>
    private static void KeepZeroSum(IReadOnlyList<VmiDemand> vmis, AppliedShares?[] current, double[][] final, HostPressure pressure)
    {
        foreach (var r in Enum.GetValues<ResourceKind>().Where(r => !IsCapped(r) || (r == ResourceKind.Ram && pressure.IsContended(r))))
        {
            var shares = final[(int)r];
            var excess = shares.Sum() - 1.0;
            var bases = new double[vmis.Count];
            for (var i = 0; i < vmis.Count; i++)
            {
                // An increase up to used + floor is not negotiable; only what lies above it is scaled.
                var from = current[i]?.Shares[r] ?? 0;
                bases[i] = Math.Min(shares[i], r == ResourceKind.Ram ? Math.Max(from, MemoryFloor(vmis[i])) : from);
            }

            var increases = Enumerable.Range(0, vmis.Count).Sum(i => shares[i] - bases[i]);
            if (excess <= 1e-12 || increases <= 0)
            {
                continue;
            }

            var keep = Math.Max(0, 1 - (excess / increases));
            for (var i = 0; i < vmis.Count; i++)
            {
                shares[i] = bases[i] + ((shares[i] - bases[i]) * keep);
            }
        }
    }

    private static void Set(double[][] final, int i, Func<ResourceKind, double> value)
    {
        foreach (var r in Enum.GetValues<ResourceKind>())
        {
            final[(int)r][i] = value(r);
        }
    }
}
