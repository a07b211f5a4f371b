namespace VmiGrains.Domain.Rules.Actions;

/// <summary>An action table as a rule returned it, before validation.</summary>
/// <param name="Kind">The <c>kind</c> field (null when missing or not a string).</param>
/// <param name="Line">The line of the helper call, when known.</param>
/// <param name="Fields">All other fields.</param>
public sealed record RawAction(string? Kind, int? Line, IReadOnlyDictionary<string, RawValue> Fields);
