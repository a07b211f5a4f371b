using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>
/// One durable rollout of a profile version (keyed by rollout id): canary, waves per host, health
/// gates, pause, resume, abort and rollback. It runs in the cluster on a reminder, so it continues when
/// no client is connected and when the silo holding it dies. Every operation is idempotent.
/// </summary>
[Alias("VmiGrains.IRolloutGrain")]
public interface IRolloutGrain : IGrainWithStringKey
{
    /// <summary>
    /// Plans and starts the rollout. Starting the same id again with the same request returns its view;
    /// a second rollout of a profile while one runs, an unknown profile or version, or no VMIs to move is
    /// refused with <see cref="Validation.InvalidRequestException"/> (naming the running rollout).
    /// </summary>
    [Alias("Start"), RequiresScope(Scopes.Write)]
    Task<RolloutView> StartAsync(RolloutRequest request);

    /// <summary>The rollout's progress; unknown ids are refused with <see cref="Validation.InvalidRequestException"/>.</summary>
    [Alias("Get"), RequiresScope(Scopes.Read)]
    Task<RolloutView> GetAsync();

    /// <summary>Pauses after the wave in progress; no-op unless running.</summary>
    [Alias("Pause"), RequiresScope(Scopes.Write)]
    Task<RolloutView> PauseAsync();

    /// <summary>Continues a paused rollout (past a failed gate, too: the operator decided); no-op unless paused.</summary>
    [Alias("Resume"), RequiresScope(Scopes.Write)]
    Task<RolloutView> ResumeAsync();

    /// <summary>Stops for good; VMIs stay on the version they are on. No-op when finished.</summary>
    [Alias("Abort"), RequiresScope(Scopes.Write)]
    Task<RolloutView> AbortAsync();

    /// <summary>Moves every VMI the rollout switched back to its previous version; no-op when rolled back or rolling back.</summary>
    [Alias("Rollback"), RequiresScope(Scopes.Write)]
    Task<RolloutView> RollbackAsync();
}
