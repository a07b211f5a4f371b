namespace VmiGrains.Grains.Rollouts;

/// <summary>Persisted rollout catalog: the running rollout per profile and the recent rollout ids.</summary>
[GenerateSerializer, Alias("VmiGrains.RolloutCatalogState")]
public sealed class RolloutCatalogState
{
    /// <summary>Profile id → id of the rollout that runs on it.</summary>
    [Id(0)] public Dictionary<string, string> Running { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rollout ids, oldest first (bounded).</summary>
    [Id(1)] public List<string> Recent { get; set; } = [];
}
