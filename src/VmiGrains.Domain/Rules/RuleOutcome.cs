namespace VmiGrains.Domain.Rules;

/// <summary>What one evaluation of a <see cref="RuleSession"/> gave its driver.</summary>
/// <param name="Result">The engine's result: errors and newly disabled rules to report, the pause switch.</param>
/// <param name="Actions">The actions to apply, in rule order; after a switch to another profile, none (its rules decide).</param>
/// <param name="PauseChanged">The operator's pause switch differs from the previous evaluation's (record it once).</param>
/// <param name="ValuesChanged">The rules changed <c>vmi.state</c> (persist it).</param>
public sealed record RuleOutcome(RuleEvaluationResult Result, IReadOnlyList<RuleDecision> Actions, bool PauseChanged, bool ValuesChanged);
