using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// Evaluates a profile's rules against one VMI's snapshot. Implementations compile each
/// <see cref="RuleProgram"/> once (per profile id + version) and are safe to call from many grains
/// at once. Calls are synchronous and bounded by the configured budgets (milliseconds at worst).
/// Rule failures are results (<see cref="RuleEvaluationResult.Errors"/>), never exceptions.
/// </summary>
public interface IRuleEngine
{
    /// <summary>Runs <c>on_tick(vmi)</c> of every enabled rule that defines it.</summary>
    RuleEvaluationResult EvaluateTick(RuleProgram program, VmiSnapshot snapshot);

    /// <summary>Runs <c>on_event(vmi, event)</c> of every enabled rule that defines it.</summary>
    RuleEvaluationResult EvaluateEvent(RuleProgram program, VmiSnapshot snapshot, TelemetryEvent telemetryEvent);

    /// <summary>Drops compiled forms and pooled states of every version of <paramref name="profileId"/> other than <paramref name="keepVersion"/>.</summary>
    void Evict(string profileId, int? keepVersion = null);
}
