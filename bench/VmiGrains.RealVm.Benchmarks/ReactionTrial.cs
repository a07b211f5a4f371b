namespace VmiGrains.RealVm.Benchmarks;

/// <summary>
/// One trial: the burn started in the guest at <see cref="Started"/>; the rule's switch was recorded at
/// <see cref="Decided"/>; the guest's <c>cpu.shares</c> changed at <see cref="Applied"/> (first change at or after the
/// decision). <see cref="MovedEarlier"/>: the cgroup already moved before the decision (a demand re-plan).
/// </summary>
internal sealed record ReactionTrial(DateTimeOffset Started, DateTimeOffset Decided, DateTimeOffset Applied, bool MovedEarlier)
{
    public double ToDecisionMs => (Decided - Started).TotalMilliseconds;

    public double ToCgroupMs => (Applied - Decided).TotalMilliseconds;

    public double TotalMs => (Applied - Started).TotalMilliseconds;
}
