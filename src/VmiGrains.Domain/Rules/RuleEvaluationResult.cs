namespace VmiGrains.Domain.Rules;

/// <summary>
/// The outcome of evaluating a program for one VMI. Per rule, all or nothing: a rule that fails
/// contributes no actions and no state change.
/// </summary>
/// <param name="Decisions">Validated actions, in rule order.</param>
/// <param name="Errors">Failures of this evaluation.</param>
/// <param name="NewlyDisabled">Rules disabled by this evaluation (report them to the operator).</param>
/// <param name="State">The VMI's rule state to persist.</param>
/// <param name="PausedBy">When not null, nothing was evaluated: the operator switch that says so.</param>
public sealed record RuleEvaluationResult(
    IReadOnlyList<RuleDecision> Decisions,
    IReadOnlyList<RuleError> Errors,
    IReadOnlyList<DisabledRule> NewlyDisabled,
    VmiRuleState State,
    string? PausedBy = null)
{
    /// <summary>A result that evaluated nothing because <paramref name="by"/> paused rule evaluation.</summary>
    public static RuleEvaluationResult Paused(VmiRuleState state, string by) => new([], [], [], state, by);
}
