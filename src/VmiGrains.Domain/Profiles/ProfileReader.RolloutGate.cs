using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>rollout_gate</c>: <c>metric</c>, <c>statistic</c>, <c>max_increase</c>, <c>max_increase_percent</c>.</summary>
internal sealed partial class ProfileReader
{
    /// <summary>Largest <c>max_increase_percent</c>: a thousand percent is "anything goes" already.</summary>
    private const double MaxIncreasePercent = 1_000;

    private RolloutGateCondition? ReadRolloutGate(JsonElement value)
    {
        const string path = "$.rollout_gate";
        const string example = "write e.g. {\"metric\": \"cpu\", \"statistic\": \"p95\", \"max_increase\": 0.1}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object with \"metric\" and \"max_increase\" and/or \"max_increase_percent\"", Show(value), example);
            return null;
        }

        var errorsBefore = _errors.Count;
        CheckFields(value, path, ProfileFields.RolloutGate);
        RequireFields(value, path, ["metric"]);
        var metric = OptionalString(value, path, "metric");
        if (metric is not null && !MetricNames.TryParse(metric, out _))
        {
            Fail(path + ".metric", $"is not a metric; use one of {string.Join(", ", MetricNames.All)}", JsonPaths.Quote(metric), "write e.g. \"cpu\"");
        }

        var statistic = OptionalString(value, path, "statistic") ?? RolloutGateCondition.DefaultStatistic;
        if (!ProfileFields.GateStatistics.Contains(statistic))
        {
            Fail(path + ".statistic", $"must be one of {string.Join(", ", ProfileFields.GateStatistics)}", JsonPaths.Quote(statistic), "write \"p95\"");
        }

        var increase = Field(value, "max_increase", out var mi) ? ReadGateNumber(mi, path + ".max_increase", double.MaxValue, "e.g. 0.1 (cpu and mem are fractions; network and io in bytes/s)") : null;
        var percent = Field(value, "max_increase_percent", out var mp) ? ReadGateNumber(mp, path + ".max_increase_percent", MaxIncreasePercent, "e.g. 20") : null;
        if (increase is null && percent is null && _errors.Count == errorsBefore)
        {
            Fail(path, "sets no limit", Show(value), "add \"max_increase\" (in the metric's unit) and/or \"max_increase_percent\"");
        }

        return _errors.Count > errorsBefore || metric is null
            ? null
            : new RolloutGateCondition { Metric = metric, Statistic = statistic, MaxIncrease = increase, MaxIncreasePercent = percent };
    }

    private double? ReadGateNumber(JsonElement value, string path, double max, string fix)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0 || number > max)
        {
            var range = max == double.MaxValue ? "0 or more" : string.Create(CultureInfo.InvariantCulture, $"from 0 to {max}");
            Fail(path, $"must be a number {range}", Show(value), fix);
            return null;
        }

        return number;
    }
}
