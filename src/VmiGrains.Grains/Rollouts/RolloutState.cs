using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rollouts;

namespace VmiGrains.Grains.Rollouts;

/// <summary>Persisted rollout: the request, its plan, per-wave progress and what each VMI was on before.</summary>
[GenerateSerializer, Alias("VmiGrains.RolloutState")]
public sealed class RolloutState
{
    /// <summary>The request; null until started.</summary>
    [Id(0)] public RolloutRequest? Request { get; set; }

    /// <summary>The target version.</summary>
    [Id(1)] public int ToVersion { get; set; }

    /// <summary>The plan, canary first.</summary>
    [Id(2)] public List<RolloutWave> Waves { get; set; } = [];

    /// <summary>Progress per wave, same order.</summary>
    [Id(3)] public List<WaveProgress> Progress { get; set; } = [];

    /// <summary>VMI → the version it was on before the rollout switched it (written before the switch).</summary>
    [Id(4)] public Dictionary<string, int> Previous { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where the rollout is.</summary>
    [Id(5)] public RolloutStatus Status { get; set; }

    /// <summary>Why.</summary>
    [Id(6)] public string? StatusReason { get; set; }

    /// <summary>Index of the wave being applied or soaked.</summary>
    [Id(7)] public int Current { get; set; }

    /// <summary>Who started it.</summary>
    [Id(8)] public string? StartedBy { get; set; }

    /// <summary>When.</summary>
    [Id(9)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it finished.</summary>
    [Id(10)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The rollout's own decisions, newest last (bounded).</summary>
    [Id(11)] public List<Decision> Decisions { get; set; } = [];

    /// <summary>Versions the VMIs were on at planning, e.g. <c>v1: 40</c>.</summary>
    [Id(12)] public List<string> FromVersions { get; set; } = [];

    /// <summary>The target version's <c>rollout_gate</c> when the rollout started; null: gates check health only.</summary>
    [Id(13)] public RolloutGateCondition? MetricGate { get; set; }
}
