namespace VmiGrains.Domain.Rollouts;

/// <summary>One VMI a rollout moves, and the host it runs on.</summary>
public sealed record RolloutTarget(string VmiId, string Host);
