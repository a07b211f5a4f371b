namespace VmiGrains.Grains.Vmis;

/// <summary>VMI grain settings (section <c>VmiGrains:Vmi</c>).</summary>
public sealed class VmiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Vmi";

    /// <summary>
    /// How often telemetry windows (and, with <see cref="DeferHostNotices"/>, allocation changes the host
    /// made) are written to grain state (a few KB per VMI); zero turns checkpoints off. Profiles, rule
    /// decisions and undo records are written at once, always.
    /// </summary>
    public TimeSpan WindowCheckpointInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When the host moves this VMI while re-planning for others (a neighbour's profile change), the
    /// VMI records "host rebalanced" and its new allocation. False (default): written at once, so the
    /// decision survives a crash of the silo. True: written with the next window checkpoint or at
    /// deactivation — the host's own state still holds the allocation durably, but up to one checkpoint
    /// interval of these notices can be lost if the silo is killed. A rollout over hosts of 100 VMIs is
    /// ~2× faster deferred (docs/benchmarks.md), because one host re-plan otherwise writes every VMI it moved.
    /// </summary>
    public bool DeferHostNotices { get; set; }
}
