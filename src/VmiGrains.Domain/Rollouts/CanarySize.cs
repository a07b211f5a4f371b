using System.Globalization;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// How big the canary is: a count of VMIs (<c>3</c>) or a percentage of the selection (<c>5%</c>).
/// Never more VMIs than selected, and at least one when any are.
/// </summary>
public sealed record CanarySize(int? Count, double? Percent)
{
    /// <summary>The default canary: one VMI.</summary>
    public static CanarySize One { get; } = new(1, null);

    /// <summary>How many of <paramref name="total"/> VMIs the canary takes.</summary>
    public int Of(int total) => total == 0 ? 0
        : Math.Clamp(Count ?? (int)Math.Ceiling(total * Percent!.Value / 100.0), 1, total);

    /// <inheritdoc/>
    public override string ToString() => Count is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"{Percent!.Value.ToString(CultureInfo.InvariantCulture)}%";

    /// <summary>Parses <c>N</c> (1–100000) or <c>P%</c> (0 &lt; P ≤ 100); null text is <see cref="One"/>.</summary>
    public static CanarySize Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return One;
        }

        var t = text.Trim();
        if (t.EndsWith('%')
            && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 100)
        {
            return new CanarySize(null, p);
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= RolloutPlan.MaxVmis)
        {
            return new CanarySize(n, null);
        }

        throw new InvalidRequestException(new ValidationError(field, "must be a number of VMIs or a percentage", $"\"{text}\"",
            "e.g. 1 (one VMI), 5 or 10% of the selected VMIs"));
    }
}
