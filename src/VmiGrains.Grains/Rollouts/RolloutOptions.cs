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

    /// <summary>
    /// VMIs of one host switched at once (default 256): the rollout announces them to the host, which commits their
    /// claims as one group (one re-plan); a host with more VMIs in a wave re-plans once per this many.
    /// </summary>
    public int VmiParallelism { get; set; } = 256;

    /// <summary>
    /// How long a host holds a wave's group for claims the rollout announced that have not arrived (default 5 s);
    /// then it commits those that did, and the late ones join the next group.
    /// </summary>
    public TimeSpan GatherTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>VMIs a rollout's what-if (<c>--dry-run</c>) replays at once (default 64): each replay runs the new rules on the VMI's silo.</summary>
    public int WhatIfParallelism { get; set; } = 64;
}
