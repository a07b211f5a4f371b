namespace VmiGrains.Domain.Allocation;

/// <summary>One host plan of <see cref="WorkConservingPolicy"/>: the pressure it found (keep it for the next plan) and every VMI's plan, in input order.</summary>
public sealed record AllocationPlan(HostPressure Pressure, IReadOnlyList<VmiPlan> Vmis, int ChangeBudget)
{
    /// <summary>The VMIs whose wanted change waits for a later plan.</summary>
    public IReadOnlyList<VmiPlan> Deferred => [.. Vmis.Where(v => v.Deferred is not null)];
}
