using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;

namespace VmiGrains.Domain.Tests.Allocation;

/// <summary>Runs <see cref="WorkConservingPolicy"/> plan after plan the way the host grain does: it keeps the applied shares and the pressure.</summary>
internal sealed class PolicyHarness(WorkConservingOptions options)
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public Dictionary<string, AppliedShares> Applied { get; } = new(StringComparer.Ordinal);

    public HostPressure Pressure { get; private set; } = HostPressure.None;

    public DateTimeOffset Now { get; set; } = T0;

    /// <summary>One plan at <see cref="Now"/>; applies what changed and moves the clock by <paramref name="interval"/> seconds.</summary>
    public AllocationPlan Step(IReadOnlyList<VmiDemand> vmis, double interval = 10)
    {
        var plan = WorkConservingPolicy.Plan(vmis, Applied, Pressure, Now, options);
        Pressure = plan.Pressure;
        foreach (var v in plan.Vmis.Where(v => v.Changed))
        {
            Applied[v.VmiId] = AppliedShares.After(Applied.GetValueOrDefault(v.VmiId), v.Shares, Now);
        }

        Now = Now.AddSeconds(interval);
        return plan;
    }

    public static VmiDemand Vmi(string id, double weight = 0.25, double ram = double.PositiveInfinity, double net = double.PositiveInfinity, double maxRam = 0.25, bool forced = false, double floor = 0.01) =>
        new(id, new ResourceVector(weight, weight, weight, weight), new ResourceVector(double.PositiveInfinity, ram, net, double.PositiveInfinity),
            new ResourceVector(1, maxRam, 1, 1), floor, forced);

    public static double Ram(AllocationPlan plan, string id) => plan.Vmis.Single(v => v.VmiId == id).Shares.Ram;

    public static double Net(AllocationPlan plan, string id) => plan.Vmis.Single(v => v.VmiId == id).Shares.Network;
}
