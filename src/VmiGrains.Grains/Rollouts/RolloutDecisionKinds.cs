namespace VmiGrains.Grains.Rollouts;

/// <summary>The <c>Kind</c> of a rollout's decisions.</summary>
internal static class RolloutDecisionKinds
{
    public const string Start = "rollout-start";
    public const string Wave = "rollout-wave";
    public const string Gate = "rollout-gate";
    public const string Operator = "rollout-operator";
    public const string Rollback = "rollout-rollback";
    public const string Finish = "rollout-finish";
    public const string Resume = "rollout-resume";
}
