using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Grains.Diagnostics;

/// <summary>Counts evaluations, failures and newly disabled rules of the <see cref="IRuleEngine"/> it wraps; results pass through unchanged.</summary>
internal sealed class MeteredRuleEngine(IRuleEngine inner) : IRuleEngine
{
    private static readonly KeyValuePair<string, object?> Tick = new("trigger", "tick");
    private static readonly KeyValuePair<string, object?> Event = new("trigger", "event");

    public RuleEvaluationResult EvaluateTick(RuleProgram program, VmiSnapshot snapshot) =>
        Count(inner.EvaluateTick(program, snapshot), Tick);

    public RuleEvaluationResult EvaluateEvent(RuleProgram program, VmiSnapshot snapshot, TelemetryEvent telemetryEvent) =>
        Count(inner.EvaluateEvent(program, snapshot, telemetryEvent), Event);

    public void Evict(string profileId, int? keepVersion = null) => inner.Evict(profileId, keepVersion);

    private static RuleEvaluationResult Count(RuleEvaluationResult result, KeyValuePair<string, object?> trigger)
    {
        VmiGrainsMetrics.RuleEvaluations.Add(1, trigger);
        foreach (var error in result.Errors)
        {
            VmiGrainsMetrics.RuleFailures.Add(1, new KeyValuePair<string, object?>("kind", error.Kind.ToString()));
        }

        if (result.NewlyDisabled.Count > 0)
        {
            VmiGrainsMetrics.RulesDisabled.Add(result.NewlyDisabled.Count);
        }

        return result;
    }
}
