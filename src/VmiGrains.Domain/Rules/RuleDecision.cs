using VmiGrains.Domain.Rules.Actions;

namespace VmiGrains.Domain.Rules;

/// <summary>An action a rule asked for, with where it came from.</summary>
/// <param name="Rule">The rule (script) name.</param>
/// <param name="Line">The line of the helper call, when known.</param>
/// <param name="Action">The validated action.</param>
public sealed record RuleDecision(string Rule, int? Line, VmiAction Action);
