namespace VmiGrains.Domain.Rules;

/// <summary>A compile error in a rule script: the 1-based line (when known) and the message.</summary>
public sealed record RuleCompileError(int? Line, string Message);
