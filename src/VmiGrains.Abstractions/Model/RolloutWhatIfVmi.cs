namespace VmiGrains.Abstractions.Model;

/// <summary>What one VMI's rules would do on the rollout's target version (<c>vmi rollout --dry-run</c>).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutWhatIfVmi")]
public sealed record RolloutWhatIfVmi
{
    /// <summary>VMI id (libvirt UUID).</summary>
    [Id(0)] public required string VmiId { get; init; }

    /// <summary>Its name.</summary>
    [Id(1)] public string Name { get; init; } = string.Empty;

    /// <summary>Its host.</summary>
    [Id(2)] public string Host { get; init; } = string.Empty;

    /// <summary>The version it is on now.</summary>
    [Id(3)] public int? FromVersion { get; init; }

    /// <summary><c>on_tick</c> evaluations replayed.</summary>
    [Id(4)] public int Ticks { get; init; }

    /// <summary>Events replayed through <c>on_event</c>.</summary>
    [Id(5)] public int Events { get; init; }

    /// <summary>Actions the rules returned, by kind (<c>set_weight</c>, <c>shape_network</c>, <c>run</c> …).</summary>
    [Id(6)] public IReadOnlyDictionary<string, int> Actions { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The other profile a rule would switch it to, or null.</summary>
    [Id(7)] public string? SwitchesTo { get; init; }

    /// <summary>Rule errors.</summary>
    [Id(8)] public int Errors { get; init; }

    /// <summary>Rules that would be disabled for failing.</summary>
    [Id(9)] public int DisabledRules { get; init; }

    /// <summary>The first rule error, as the VMI's decision log would show it.</summary>
    [Id(10)] public string? FirstError { get; init; }

    /// <summary>When set, the VMI could not be replayed (unknown, gone, its silo did not answer): why.</summary>
    [Id(11)] public string? Unreadable { get; init; }

    /// <summary>When set, rule evaluation of the profile is paused by this operator switch: nothing would run.</summary>
    [Id(12)] public string? RulesPausedBy { get; init; }
}
