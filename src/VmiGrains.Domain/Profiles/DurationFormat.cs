using System.Globalization;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Durations in documents: <c>"500ms"</c>, <c>"1s"</c>, <c>"1.5s"</c>, <c>"2m"</c>, <c>"1h"</c>, or a
/// JSON number of seconds. Formatting picks the largest unit that is exact.
/// </summary>
public static class DurationFormat
{
    /// <summary>Parses a duration string; <c>false</c> when it is not one of the accepted forms.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var (number, unitMs) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1d)
            : text.EndsWith('s') ? (text[..^1], 1000d)
            : text.EndsWith('m') ? (text[..^1], 60_000d)
            : text.EndsWith('h') ? (text[..^1], 3_600_000d)
            : (null, 0d);
        if (number is null || number.Length == 0 || number.Trim().Length != number.Length
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || double.IsInfinity(amount) || amount * unitMs > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(amount * unitMs);
        return true;
    }

    /// <summary>Formats a duration in the document form (<c>"1s"</c>, <c>"250ms"</c>, <c>"5m"</c>).</summary>
    public static string Format(TimeSpan value)
    {
        var ms = value.TotalMilliseconds;
        if (ms % 3_600_000 == 0 && ms > 0)
        {
            return Invariant(ms / 3_600_000) + "h";
        }

        if (ms % 60_000 == 0 && ms > 0)
        {
            return Invariant(ms / 60_000) + "m";
        }

        return ms % 1000 == 0 && ms > 0 ? Invariant(ms / 1000) + "s" : Invariant(ms) + "ms";
    }

    private static string Invariant(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary><paramref name="now"/> less <paramref name="period"/>, or the earliest time when the period reaches back further (?since=99999999h means "all").</summary>
    public static DateTimeOffset Before(DateTimeOffset now, TimeSpan period) =>
        period >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - period;
}
