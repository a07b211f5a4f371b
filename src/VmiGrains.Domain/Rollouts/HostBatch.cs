namespace VmiGrains.Domain.Rollouts;

/// <summary>The VMIs of one wave on one host: what the rollout hands that host in one go.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.HostBatch")]
public sealed record HostBatch(
    [property: Id(0)] string Host,
    [property: Id(1)] IReadOnlyList<string> VmiIds);
