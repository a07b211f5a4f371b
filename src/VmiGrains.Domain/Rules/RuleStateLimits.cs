using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>Bounds of the <c>vmi.state</c> table a rule may leave behind.</summary>
/// <param name="MaxEntries">Most keys.</param>
/// <param name="MaxKeyLength">Longest key (characters).</param>
/// <param name="MaxStringLength">Longest string value (characters).</param>
public sealed record RuleStateLimits(int MaxEntries = 32, int MaxKeyLength = 64, int MaxStringLength = 256)
{
    /// <summary>The defaults: at most about 32 × (64 + 256) characters.</summary>
    public static readonly RuleStateLimits Default = new();

    /// <summary>What is wrong with <paramref name="values"/>, or null when it fits.</summary>
    public string? Check(IReadOnlyDictionary<string, FieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > MaxEntries)
        {
            return $"vmi.state has {values.Count} keys, more than the limit of {MaxEntries}; remove keys you no longer need (set them to nil)";
        }

        foreach (var (key, value) in values)
        {
            if (key.Length == 0 || key.Length > MaxKeyLength)
            {
                return $"vmi.state key '{key}' must be 1..{MaxKeyLength} characters long (got {key.Length}); use a shorter key";
            }

            if (value.Kind == FieldValueKind.Text && value.Text!.Length > MaxStringLength)
            {
                return $"vmi.state.{key} is {value.Text.Length} characters, more than the limit of {MaxStringLength}; store less";
            }
        }

        return null;
    }
}
