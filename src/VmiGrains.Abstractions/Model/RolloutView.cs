namespace VmiGrains.Abstractions.Model;

/// <summary>Everything <c>vmi rollout status ID</c> prints about a rollout.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutView")]
public sealed record RolloutView
{
    /// <summary>Rollout id.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>What was asked.</summary>
    [Id(1)] public required RolloutRequest Request { get; init; }

    /// <summary>The version the VMIs move to.</summary>
    [Id(2)] public required int ToVersion { get; init; }

    /// <summary>Versions the selected VMIs were on, with how many VMIs each (e.g. <c>v1: 40</c>).</summary>
    [Id(3)] public IReadOnlyList<string> FromVersions { get; init; } = [];

    /// <summary>Where the rollout is.</summary>
    [Id(4)] public required RolloutStatus Status { get; init; }

    /// <summary>Why it is in that status (the failed gate, who paused it …).</summary>
    [Id(5)] public string? StatusReason { get; init; }

    /// <summary>The waves, canary first.</summary>
    [Id(6)] public IReadOnlyList<RolloutWaveView> Waves { get; init; } = [];

    /// <summary>VMIs selected.</summary>
    [Id(7)] public int Total { get; init; }

    /// <summary>VMIs on the target version as far as the rollout knows.</summary>
    [Id(8)] public int Switched { get; init; }

    /// <summary>Who started it (<c>token NAME</c>, <c>gateway client …</c>).</summary>
    [Id(9)] public string? StartedBy { get; init; }

    /// <summary>When it started.</summary>
    [Id(10)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it reached a final status.</summary>
    [Id(11)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The rollout's decisions: waves applied, gate results with evidence, pauses, rollbacks.</summary>
    [Id(12)] public IReadOnlyList<Decision> Decisions { get; init; } = [];

    /// <summary>True once the status can no longer change by itself (completed, aborted, rolled back).</summary>
    public bool Finished => Status is RolloutStatus.Completed or RolloutStatus.Aborted or RolloutStatus.RolledBack;
}
