namespace VmiGrains.Grains.Rollouts;

/// <summary>Rollout settings (section <c>VmiGrains:Rollout</c>).</summary>
public sealed class RolloutOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Rollout";

    /// <summary>How long a wave's VMIs run the new version before its health gate is evaluated (default 10 s).</summary>
    public TimeSpan SoakPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an active rollout looks at its soak and next step (default 1 s).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Hosts of one wave switched at once (default 8).</summary>
    public int HostParallelism { get; set; } = 8;

    /// <summary>VMIs of one host switched at once (default 64): they arrive together, so the host re-plans for them as one group.</summary>
    public int VmiParallelism { get; set; } = 64;

    /// <summary>VMIs a rollout's what-if (<c>--dry-run</c>) replays at once (default 64): each replay runs the new rules on the VMI's silo.</summary>
    public int WhatIfParallelism { get; set; } = 64;
}
