using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// Per-VMI rule state the grain persists between evaluations: the <c>vmi.state</c> table rules
/// may change (bounded by <see cref="RuleStateLimits"/>), each rule's consecutive-failure count,
/// and the rules disabled for this VMI with the reason. Immutable: the engine returns a new one.
/// </summary>
public sealed record VmiRuleState
{
    /// <summary>The empty state.</summary>
    public static readonly VmiRuleState Empty = new();

    /// <summary>The <c>vmi.state</c> table: string keys to scalars.</summary>
    public IReadOnlyDictionary<string, FieldValue> Values { get; init; } = new Dictionary<string, FieldValue>(StringComparer.Ordinal);

    /// <summary>Consecutive failures per rule name (absent = 0).</summary>
    public IReadOnlyDictionary<string, int> ConsecutiveFailures { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Disabled rules and why (the last error). Cleared when the profile version changes.</summary>
    public IReadOnlyDictionary<string, string> Disabled { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Approximate bytes held.</summary>
    public int EstimatedBytes =>
        64 + Values.Sum(v => 32 + (2 * v.Key.Length) + v.Value.Size)
        + ConsecutiveFailures.Sum(v => 32 + (2 * v.Key.Length))
        + Disabled.Sum(v => 32 + (2 * (v.Key.Length + v.Value.Length)));
}
