using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Rollouts;

/// <summary>An <see cref="IRuleEngine"/> whose rules are a C# function of the snapshot and the event (null on a tick); it records every snapshot it saw.</summary>
internal sealed class ScriptedRuleEngine(Func<VmiSnapshot, TelemetryEvent?, IReadOnlyList<RuleDecision>> rules, Func<VmiSnapshot, TelemetryEvent?, IReadOnlyList<RuleError>>? errors = null) : IRuleEngine
{
    public List<(VmiSnapshot Snapshot, TelemetryEvent? Event)> Seen { get; } = [];

    public RuleEvaluationResult EvaluateTick(RuleProgram program, VmiSnapshot snapshot) => Evaluate(snapshot, null);

    public RuleEvaluationResult EvaluateEvent(RuleProgram program, VmiSnapshot snapshot, TelemetryEvent telemetryEvent) => Evaluate(snapshot, telemetryEvent);

    public void Evict(string profileId, int? keepVersion = null)
    {
    }

    private RuleEvaluationResult Evaluate(VmiSnapshot snapshot, TelemetryEvent? e)
    {
        Seen.Add((snapshot, e));
        return new RuleEvaluationResult(rules(snapshot, e), errors?.Invoke(snapshot, e) ?? [], [], snapshot.State);
    }
}
