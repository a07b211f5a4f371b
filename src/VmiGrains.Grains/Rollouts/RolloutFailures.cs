using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Rollouts;

/// <summary>The failures of one VMI's step that a rollout (or its what-if) records against that VMI and goes on past.</summary>
internal static class RolloutFailures
{
    /// <summary>A refused request, a host that is down, a call that timed out, or an Orleans error: the VMI's, not the rollout's.</summary>
    public static bool IsVmiFailure(Exception ex) =>
        ex is InvalidRequestException or HypervisorUnavailableException or TimeoutException or OrleansException;
}
