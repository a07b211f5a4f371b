using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>
/// The what-if of a rollout (key <c>"default"</c>): which VMIs it would move and what the target
/// version's rules would do on each, replayed from the VMI's recent windows and events with the
/// cluster's rule engine. Changes nothing: no rollout, no claim, no state, no decision.
/// </summary>
[Alias("VmiGrains.IRolloutWhatIfGrain")]
public interface IRolloutWhatIfGrain : IGrainWithStringKey
{
    /// <summary>
    /// Selects and plans as <see cref="IRolloutGrain.StartAsync"/> does (refusing the same bad input with
    /// <see cref="Validation.InvalidRequestException"/>), then replays each VMI to move. The scope is
    /// the rollout's: a dry-run runs every selected VMI's new rules.
    /// </summary>
    [Alias("WhatIf"), RequiresScope(Scopes.Write)]
    Task<RolloutWhatIf> WhatIfAsync(RolloutRequest request);
}
