using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;

namespace VmiGrains.Domain.Simulation;

/// <summary>
/// A deterministic host simulation. Rule: at every step the policy returns limits; each VMI is
/// served min(demand, limit) of memory and of the link, and when those exceed the host (capacity 1)
/// the host's own contention shares them max-min fairly with equal weights (the kernel and the link
/// know nothing of profiles). The policy sees only what was served — a cap hides the demand above it.
/// Contended = demand above the host. A VMI is "newly busy" when its network demand rises from below
/// 0.1 to at least 0.3 of the link; its fair share is the weighted max-min share of the demands.
/// Same scenario and policy, same result.
/// </summary>
public static class HostSimulator
{
    /// <summary>Runs <paramref name="policy"/> over <paramref name="scenario"/>.</summary>
    public static SimulationResult Run(SimulationScenario scenario, ISimulatedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        var vmis = scenario.Vmis;
        var n = vmis.Count;
        IReadOnlyList<ResourceVector>? measured = null;
        IReadOnlyList<ResourceVector>? previous = null;
        double demanded = 0, unmet = 0, fairnessSum = 0;
        int fairnessSteps = 0, changes = 0, uncontendedCaps = 0;
        var busySince = new int?[n];
        var waits = new List<double>();
        for (var t = 0; t < scenario.Steps; t++)
        {
            var limits = policy.Limits(t, scenario, measured);
            if (previous is not null)
            {
                changes += Enumerable.Range(0, n).Count(i => Math.Abs(limits[i].Ram - previous[i].Ram) > 1e-9 || Math.Abs(limits[i].Network - previous[i].Network) > 1e-9);
            }

            var ram = Serve([.. vmis.Select(v => v.Ram[t])], [.. limits.Select(l => l.Ram)]);
            var net = Serve([.. vmis.Select(v => v.Network[t])], [.. limits.Select(l => l.Network)]);
            var ramDemand = vmis.Sum(v => v.Ram[t]);
            var netDemand = vmis.Sum(v => v.Network[t]);
            demanded += ramDemand + netDemand;
            unmet += Enumerable.Range(0, n).Sum(i => Math.Max(0, vmis[i].Ram[t] - ram[i]) + Math.Max(0, vmis[i].Network[t] - net[i]));
            var fair = FairShare.Allocate(1, [.. vmis.Select(v => new Claim(v.Weight, v.Network[t]))]);
            if (netDemand > 1)
            {
                fairnessSum += Jain([.. Enumerable.Range(0, n).Where(i => fair[i] > 1e-9).Select(i => net[i] / fair[i])]);
                fairnessSteps++;
            }

            uncontendedCaps += Enumerable.Range(0, n).Count(i =>
                (ramDemand < 0.9 && limits[i].Ram < vmis[i].MaxRam - 1e-9) || (netDemand < 0.9 && limits[i].Network < 1 - 1e-9));
            TrackBusy(vmis, t, net, fair, busySince, waits);
            measured = [.. Enumerable.Range(0, n).Select(i => new ResourceVector(double.PositiveInfinity, ram[i], net[i], double.PositiveInfinity))];
            previous = limits;
        }

        waits.AddRange(busySince.Where(b => b is not null).Select(_ => double.PositiveInfinity));
        var hours = scenario.Steps * scenario.IntervalSeconds / 3600;
        return new SimulationResult(scenario.Name, policy.Name,
            demanded > 0 ? 100 * unmet / demanded : 0,
            fairnessSteps > 0 ? fairnessSum / fairnessSteps : double.NaN,
            n > 0 && hours > 0 ? changes / (double)n / hours : 0,
            waits.Count > 0 ? Median(waits) : double.NaN,
            uncontendedCaps);
    }

    /// <summary>min(demand, limit), then the host's equal max-min contention when that exceeds capacity 1.</summary>
    internal static double[] Serve(double[] demand, double[] limit)
    {
        var wants = demand.Select((d, i) => Math.Max(0, Math.Min(d, limit[i]))).ToArray();
        return wants.Sum() <= 1 ? wants : FairShare.Allocate(1, [.. wants.Select(w => new Claim(1, w))]);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Jain's index of <paramref name="x"/>: (Σx)² / (n Σx²), 1 when all equal.</summary>
    internal static double Jain(IReadOnlyList<double> x)
    {
        var squares = x.Sum(v => v * v);
        return x.Count == 0 || squares <= 0 ? 1 : x.Sum() * x.Sum() / (x.Count * squares);
    }

    private static void TrackBusy(IReadOnlyList<SimulatedVmi> vmis, int t, double[] served, double[] fair, int?[] busySince, List<double> waits)
    {
        for (var i = 0; i < vmis.Count; i++)
        {
            var net = vmis[i].Network;
            if (busySince[i] is null && t > 0 && net[t - 1] < 0.1 && net[t] >= 0.3)
            {
                busySince[i] = t;
            }

            if (busySince[i] is { } since && served[i] >= 0.95 * Math.Min(fair[i], net[t]))
            {
                waits.Add(t - since);
                busySince[i] = null;
            }
            else if (busySince[i] is not null && net[t] < 0.1)
            {
                waits.Add(double.PositiveInfinity); // the burst ended before it was ever served its fair share
                busySince[i] = null;
            }
        }
    }
}
