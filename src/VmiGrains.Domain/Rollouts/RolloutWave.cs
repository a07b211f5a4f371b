namespace VmiGrains.Domain.Rollouts;

/// <summary>One step of a rollout plan: the canary (index 0) or a later wave, its VMIs grouped per host.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutWave")]
public sealed record RolloutWave(
    [property: Id(0)] int Index,
    [property: Id(1)] bool Canary,
    [property: Id(2)] IReadOnlyList<HostBatch> Hosts)
{
    /// <summary>How many VMIs the wave moves.</summary>
    public int Count => Hosts.Sum(h => h.VmiIds.Count);

    /// <summary><c>canary</c> or <c>wave N</c>, as decisions and the CLI name it.</summary>
    public string Name => Canary ? "canary" : $"wave {Index}";
}
