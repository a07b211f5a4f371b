namespace VmiGrains.Abstractions.Model;

/// <summary>
/// What <c>vmi rollout PROFILE --dry-run</c> and <c>POST /api/v1/rollouts</c> with <c>"dry_run": true</c>
/// report: the VMIs the rollout would move, its plan, and what the target version's rules would do on
/// each, replayed from the VMI's own windows and events. Nothing was changed to find out.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutWhatIf")]
public sealed record RolloutWhatIf
{
    /// <summary>Most VMIs listed in <see cref="Vmis"/>; the totals count every one.</summary>
    public const int MaxListed = 1000;

    /// <summary>What was asked.</summary>
    [Id(0)] public required RolloutRequest Request { get; init; }

    /// <summary>The version the VMIs would move to.</summary>
    [Id(1)] public required int ToVersion { get; init; }

    /// <summary>Versions the selected VMIs are on, with how many VMIs each (e.g. <c>v1: 40</c>).</summary>
    [Id(2)] public IReadOnlyList<string> FromVersions { get; init; } = [];

    /// <summary>VMIs selected (on the profile, on the requested hosts).</summary>
    [Id(3)] public int Selected { get; init; }

    /// <summary>Selected VMIs already on the target version: the rollout would not touch them, and they are not replayed.</summary>
    [Id(4)] public int AlreadyOnTarget { get; init; }

    /// <summary>The plan's wave sizes, canary first.</summary>
    [Id(5)] public IReadOnlyList<int> Waves { get; init; } = [];

    /// <summary>The rollout of this profile running now, which would refuse a real start; null when none.</summary>
    [Id(6)] public string? RunningRollout { get; init; }

    /// <summary>The counts over every VMI replayed.</summary>
    [Id(7)] public required RolloutWhatIfTotals Totals { get; init; }

    /// <summary>Per VMI (affected ones first, at most <see cref="MaxListed"/>).</summary>
    [Id(8)] public IReadOnlyList<RolloutWhatIfVmi> Vmis { get; init; } = [];

    /// <summary>VMIs replayed but not listed (past <see cref="MaxListed"/>).</summary>
    [Id(9)] public int Omitted { get; init; }

    /// <summary>When the replay ran (its ticks end here).</summary>
    [Id(10)] public DateTimeOffset At { get; init; }
}
