namespace VmiGrains.Abstractions.Model;

/// <summary>What <c>vmi rollout</c> and <c>POST /api/v1/rollouts</c> ask for.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutRequest")]
public sealed record RolloutRequest
{
    /// <summary>The profile whose VMIs move.</summary>
    [Id(0)] public required string ProfileId { get; init; }

    /// <summary>The version to move to; the latest when null. An older version rolls back.</summary>
    [Id(1)] public int? ToVersion { get; init; }

    /// <summary>Canary size: a count (<c>1</c>) or a percentage (<c>5%</c>); one VMI when null.</summary>
    [Id(2)] public string? Canary { get; init; }

    /// <summary>Percent of the selected VMIs in the first wave after the canary (1–100).</summary>
    [Id(3)] public int BatchPercent { get; init; } = 10;

    /// <summary>Each next wave is this many times the previous one (1–10).</summary>
    [Id(4)] public int Growth { get; init; } = 2;

    /// <summary>When a gate fails, move the done waves back instead of pausing.</summary>
    [Id(5)] public bool AutoRollback { get; init; }

    /// <summary>Only VMIs on these hosts; every host when empty.</summary>
    [Id(6)] public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>How long each wave soaks before its gate; the silo's <c>VmiGrains:Rollout:SoakPeriod</c> when null.</summary>
    [Id(7)] public TimeSpan? Soak { get; init; }

    /// <summary>Only VMIs whose labels match this selector (kubectl's form: <c>tier=web,env!=prod,canary,!legacy</c>); every VMI when null.</summary>
    [Id(8)] public string? Selector { get; init; }
}
