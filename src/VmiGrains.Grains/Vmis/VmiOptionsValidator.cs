using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Vmis;

/// <summary>Checks <see cref="VmiOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class VmiOptionsValidator : IValidateOptions<VmiOptions>
{
    private const string S = VmiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, VmiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.WindowCheckpointInterval < TimeSpan.Zero || (options.WindowCheckpointInterval > TimeSpan.Zero && options.WindowCheckpointInterval < TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{S}:WindowCheckpointInterval: must be zero (off) or at least 1 s (got {options.WindowCheckpointInterval}); e.g. 00:01:00");
        }

        Range(errors, "MaxSamplesPerBatch", options.MaxSamplesPerBatch, 1, 100_000, 10_000);
        Range(errors, "MaxEventsPerBatch", options.MaxEventsPerBatch, 1, 10_000, 500);
        Range(errors, "MaxEventEvaluationsPerTurn", options.MaxEventEvaluationsPerTurn, 1, 10_000, 50);
        Range(errors, "MaxQueuedEvents", options.MaxQueuedEvents, 0, 100_000, 1_000);
        Range(errors, "MaxRuleRunsPerEvaluation", options.MaxRuleRunsPerEvaluation, 0, 16, 2);
        Range(errors, "MaxRuleRunsPerMinute", options.MaxRuleRunsPerMinute, 0, 600, 10);
        Range(errors, "MaxRuleRunsInFlight", options.MaxRuleRunsInFlight, 0, 64, 4);
        if (options.RuleRunPollInterval < TimeSpan.FromMilliseconds(100) || options.RuleRunPollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{S}:RuleRunPollInterval: must be between 100 ms and 1 min (got {options.RuleRunPollInterval}); the default is 00:00:01");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max, int fallback)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{S}:{key}: must be between {min} and {max} (got {value}); the default is {fallback}"));
        }
    }
}
