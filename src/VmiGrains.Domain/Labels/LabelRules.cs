using System.Text.RegularExpressions;
using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Labels;

/// <summary>What a label is, for profiles and VMIs alike: a key of 1–63 letters, digits, '.', '_', '/' or '-', and a value of at most 256 characters.</summary>
public static partial class LabelRules
{
    /// <summary>The rule for keys, in words, for error messages.</summary>
    public const string KeyRule = "label keys are 1-63 letters, digits, '.', '_', '/' or '-'";

    /// <summary>True when <paramref name="key"/> is a valid label key.</summary>
    public static bool IsValidKey(string key) => KeyPattern().IsMatch(key);

    /// <summary>True when <paramref name="value"/> is a valid label value (no control characters, not too long).</summary>
    public static bool IsValidValue(string value) => value.Length <= ProfileLimits.MaxLabelValueLength && !value.Any(char.IsControl);

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,63}$")]
    private static partial Regex KeyPattern();
}
