namespace VmiGrains.Abstractions.Model;

/// <summary>One wave of a rollout: its hosts, status and gate evidence.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutWaveView")]
public sealed record RolloutWaveView(
    [property: Id(0)] string Name,
    [property: Id(1)] WaveStatus Status,
    [property: Id(2)] int Vmis,
    [property: Id(3)] IReadOnlyList<RolloutHostView> Hosts,
    [property: Id(4)] string? Gate,
    [property: Id(5)] DateTimeOffset? SoakUntil);
