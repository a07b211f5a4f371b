namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// A personality profile: how much of the host a VMI gets, which applications run at which
/// priority, which Lua rules react to telemetry, and which traffic is allowed.
/// The JSON form uses the seed's snake_case field names; see <c>docs/profile.schema.json</c>.
/// Instances are produced by the profile parser, which validates every field.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ProfileDocument")]
public sealed record ProfileDocument
{
    /// <summary>Slug identifier, <c>[a-z0-9][a-z0-9-]{0,62}</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Human-readable name, e.g. "High-Performance Rendering".</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary>Optional free text.</summary>
    [Id(2)] public string? Description { get; init; }

    /// <summary>Share of the host per resource; each in [0,1], summing to 1.</summary>
    [Id(3)] public required ResourceVector ResourceWeights { get; init; }

    /// <summary>Application name → priority, applied inside the guest.</summary>
    [Id(4)] public IReadOnlyList<ApplicationPriority> ApplicationPriorities { get; init; } = [];

    /// <summary>Lua rule scripts, in evaluation order.</summary>
    [Id(5)] public IReadOnlyList<RuleScript> BehavioralRules { get; init; } = [];

    /// <summary>Firewall policy for the VMI's traffic.</summary>
    [Id(6)] public required NetworkPolicy NetworkPolicy { get; init; }

    /// <summary>How often <c>on_tick</c> runs; default 1 s.</summary>
    [Id(7)] public TimeSpan EvaluationInterval { get; init; } = DefaultEvaluationInterval;

    /// <summary>Free-form labels for selection and display.</summary>
    [Id(8)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Programs the trigger API may start under this profile (absolute paths or base names);
    /// <c>null</c> means any program.
    /// </summary>
    [Id(9)] public IReadOnlyList<string>? AllowedPrograms { get; init; }

    /// <summary>What the VMI observes inside its guest (logins, applications); <c>null</c> observes nothing.</summary>
    [Id(20)] public ObserverSettings? Observers { get; init; }

    /// <summary>The metric condition a rollout to this version must meet at each wave's gate; <c>null</c>: none.</summary>
    [Id(21)] public RolloutGateCondition? RolloutGate { get; init; }

    /// <summary>The evaluation interval used when a profile does not set one.</summary>
    public static readonly TimeSpan DefaultEvaluationInterval = TimeSpan.FromSeconds(1);

    /// <summary>Structural equality: lists compared in order, labels as sets of pairs.</summary>
    public bool Equals(ProfileDocument? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && Description == other.Description
        && ResourceWeights == other.ResourceWeights
        && ApplicationPriorities.SequenceEqual(other.ApplicationPriorities)
        && BehavioralRules.SequenceEqual(other.BehavioralRules)
        && NetworkPolicy == other.NetworkPolicy
        && EvaluationInterval == other.EvaluationInterval
        && Labels.Count == other.Labels.Count
        && Labels.All(pair => other.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
        && (AllowedPrograms is null ? other.AllowedPrograms is null
            : other.AllowedPrograms is not null && AllowedPrograms.SequenceEqual(other.AllowedPrograms))
        && Equals(Observers, other.Observers)
        && Equals(RolloutGate, other.RolloutGate);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, ResourceWeights, ApplicationPriorities.Count, BehavioralRules.Count, NetworkPolicy, EvaluationInterval);
}
