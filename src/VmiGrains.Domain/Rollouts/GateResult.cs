namespace VmiGrains.Domain.Rollouts;

/// <summary>The outcome of a health gate, with the evidence an operator reads in the rollout's decisions.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.GateResult")]
public sealed record GateResult(
    [property: Id(0)] bool Passed,
    [property: Id(1)] string Evidence);
