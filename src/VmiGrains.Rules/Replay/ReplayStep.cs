namespace VmiGrains.Rules.Replay;

/// <summary>One line of the decision trace: when, which rule, what it did, and why.</summary>
/// <param name="Time">Evaluation time.</param>
/// <param name="Rule">The rule name.</param>
/// <param name="Line">The rule line that produced it, when known.</param>
/// <param name="Kind">The action kind (e.g. <c>switch_profile</c>), or <c>error</c> / <c>disabled</c>.</param>
/// <param name="Detail">The action as text, or the error message.</param>
/// <param name="Why">The trigger and the metrics the rule saw.</param>
public sealed record ReplayStep(DateTimeOffset Time, string Rule, int? Line, string Kind, string Detail, string Why);
