namespace VmiGrains.Domain.Rules;

/// <summary>A rule disabled during this evaluation after failing too many times in a row.</summary>
/// <param name="Rule">The rule name.</param>
/// <param name="Failures">How many consecutive failures it had.</param>
/// <param name="LastError">The failure that disabled it.</param>
public sealed record DisabledRule(string Rule, int Failures, RuleError LastError);
