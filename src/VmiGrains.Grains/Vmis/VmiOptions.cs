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

    /// <summary>Most samples in one feedback request (default 10 000: window updates are cheap); a larger batch is refused whole.</summary>
    public int MaxSamplesPerBatch { get; set; } = 10_000;

    /// <summary>Most events in one feedback request (default 500); a larger batch is refused whole.</summary>
    public int MaxEventsPerBatch { get; set; } = 500;

    /// <summary>
    /// Most <c>on_event</c> evaluations in one grain turn (default 50, at most 50 × the rule budget of CPU per
    /// turn); the batch's later events wait in the VMI's queue and are evaluated, in order, in its next turns.
    /// </summary>
    public int MaxEventEvaluationsPerTurn { get; set; } = 50;

    /// <summary>Most events waiting for <c>on_event</c> per VMI (default 1 000); a batch that would exceed it is refused whole.</summary>
    public int MaxQueuedEvents { get; set; } = 1_000;

    /// <summary>Most programs one rule evaluation may start with <c>run(...)</c> (default 2); further runs are refused as decisions.</summary>
    public int MaxRuleRunsPerEvaluation { get; set; } = 2;

    /// <summary>Most programs rules may start on one VMI in any minute (default 10).</summary>
    public int MaxRuleRunsPerMinute { get; set; } = 10;

    /// <summary>Most rule-started programs running at once on one VMI (default 4).</summary>
    public int MaxRuleRunsInFlight { get; set; } = 4;

    /// <summary>
    /// How often the VMI asks the guest agent whether its rule-started programs ended (default 1 s), only
    /// while one runs; a <c>run_finished</c> event arrives at most this late.
    /// </summary>
    public TimeSpan RuleRunPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The rule-run bounds as the domain's rule.</summary>
    public Domain.Rules.RuleRunLimits ToRuleRunLimits() => new(MaxRuleRunsPerEvaluation, MaxRuleRunsPerMinute, MaxRuleRunsInFlight);

    /// <summary>The feedback limits as the domain's rule.</summary>
    public Domain.Telemetry.FeedbackLimits ToFeedbackLimits() => new(MaxSamplesPerBatch, MaxEventsPerBatch, MaxEventEvaluationsPerTurn, MaxQueuedEvents);
}
