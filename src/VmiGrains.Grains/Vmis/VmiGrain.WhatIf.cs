using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rollouts;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// A rollout's what-if on this VMI (<see cref="WhatIfReplay"/>): the target version's rules over a copy
/// of the windows, events and <c>vmi.state</c> values. Reads only — no state, session, timer, claim,
/// undo record or decision of the VMI changes, and nothing is written.
/// </summary>
internal sealed partial class VmiGrain
{
    public Task<RolloutWhatIfVmi> WhatIfAsync(ProfileDocument document, int version)
    {
        ArgumentNullException.ThrowIfNull(document);
        var registration = Registration;
        EnsureDefined(); // a rollout could not switch it either
        var interval = document.EvaluationInterval > TimeSpan.Zero ? document.EvaluationInterval : ProfileDocument.DefaultEvaluationInterval;
        var result = document.BehavioralRules.Count == 0
            ? new RolloutWhatIfVmi { VmiId = Id }
            : WhatIfReplay.Run(rules, Id, RuleProgram.From(document, version), interval, Session.Windows.Export(), Session.Events.ToList(), Session.State.Values, time.GetUtcNow());
        return Task.FromResult(result with { Name = registration.Name, Host = registration.Host, FromVersion = state.State.ProfileVersion });
    }
}
