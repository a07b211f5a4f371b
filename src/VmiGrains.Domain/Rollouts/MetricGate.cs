using System.Globalization;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// The metric half of a wave's gate (<c>rollout_gate</c> of the target version). Rule: each VMI's
/// <see cref="RolloutGateCondition.Statistic"/> of the metric over its default window is read just before the
/// wave switches it and again at the gate; only VMIs with samples both times count (paired, so a VMI without
/// telemetry neither helps nor hurts); the wave's value is the mean over those VMIs, before and after; the gate
/// holds when every limit set holds: after − before ≤ <c>max_increase</c>, and after ≤ before × (1 + <c>max_increase_percent</c>/100)
/// (so from 0 any rise fails the percent limit). With no paired VMI the condition is not evaluated and holds,
/// and the evidence says so.
/// </summary>
public static class MetricGate
{
    /// <summary>The statistic the condition names, from a VMI's default-window summaries; null without samples.</summary>
    public static double? ValueOf(RolloutGateCondition condition, IReadOnlyList<MetricSummary> metrics)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(metrics);
        var summary = metrics.FirstOrDefault(m => m.Metric == condition.Metric);
        if (summary is null || summary.Samples == 0)
        {
            return null;
        }

        return condition.Statistic switch
        {
            "avg" => summary.Avg,
            "max" => summary.Max,
            _ => summary.P95,
        };
    }

    /// <summary>Evaluates <paramref name="condition"/> on the wave's (before, after) values, one pair per VMI.</summary>
    public static GateResult Evaluate(RolloutGateCondition condition, IReadOnlyList<(double? Before, double? After)> values)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(values);
        var what = $"{condition.Metric} {condition.Statistic}";
        var paired = values.Where(v => v.Before is not null && v.After is not null).Select(v => (Before: v.Before!.Value, After: v.After!.Value)).ToList();
        if (paired.Count == 0)
        {
            return new GateResult(true, $"metric {what} not evaluated: none of the wave's {values.Count} VMI(s) had samples both before the switch and at the gate");
        }

        var before = paired.Average(p => p.Before);
        var after = paired.Average(p => p.After);
        var rise = after - before;
        var percent = before > 0 ? rise / before * 100 : rise > 0 ? double.PositiveInfinity : 0;
        var broken = new List<string>();
        if (condition.MaxIncrease is { } max && rise > max)
        {
            broken.Add($"more than +{N(max)}");
        }

        if (condition.MaxIncreasePercent is { } maxPercent && percent > maxPercent)
        {
            broken.Add($"more than +{N(maxPercent)} %");
        }

        var change = $"{N(before)} before, {N(after)} at the gate ({(rise >= 0 ? "+" : string.Empty)}{N(rise)}{(double.IsFinite(percent) ? $", {(percent >= 0 ? "+" : string.Empty)}{percent.ToString("0.#", CultureInfo.InvariantCulture)} %" : string.Empty)})";
        var of = $"metric {what}, mean of {paired.Count} of {values.Count} VMI(s)";
        return broken.Count == 0
            ? new GateResult(true, $"{of}: {change}, within the limit")
            : new GateResult(false, $"{of}: {change}, rose {string.Join(" and ", broken)}");
    }

    private static string N(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
