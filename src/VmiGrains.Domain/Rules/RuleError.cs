namespace VmiGrains.Domain.Rules;

/// <summary>One rule failure: which rule, the line when known, the kind and the message.</summary>
/// <param name="Rule">The rule (script) name.</param>
/// <param name="Line">The 1-based line in the script, when known.</param>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record RuleError(string Rule, int? Line, RuleErrorKind Kind, string Message)
{
    /// <summary><c>rule 'NAME' line N: MESSAGE</c>.</summary>
    public override string ToString() => Line is { } l ? $"rule '{Rule}' line {l}: {Message}" : $"rule '{Rule}': {Message}";
}
