using System.Globalization;
using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Rollouts;

/// <summary>Checks <see cref="RolloutOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class RolloutOptionsValidator : IValidateOptions<RolloutOptions>
{
    private const string S = RolloutOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SoakPeriod < TimeSpan.Zero || options.SoakPeriod > TimeSpan.FromHours(24))
        {
            errors.Add($"{S}:SoakPeriod: must be from 00:00:00 to 1.00:00:00 (got {options.SoakPeriod}); the default is 00:00:10");
        }

        if (options.TickInterval < TimeSpan.FromMilliseconds(100) || options.TickInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{S}:TickInterval: must be from 00:00:00.1 to 00:01:00 (got {options.TickInterval}); the default is 00:00:01");
        }

        if (options.GatherTimeout < TimeSpan.FromMilliseconds(100) || options.GatherTimeout > TimeSpan.FromSeconds(25))
        {
            errors.Add($"{S}:GatherTimeout: must be from 00:00:00.1 to 00:00:25 (got {options.GatherTimeout}), below the 30 s a VMI's call may take; the default is 00:00:05");
        }

        Range(errors, nameof(options.HostParallelism), options.HostParallelism, 1, 1_000, 8);
        Range(errors, nameof(options.VmiParallelism), options.VmiParallelism, 1, 10_000, 256);
        Range(errors, nameof(options.WhatIfParallelism), options.WhatIfParallelism, 1, 10_000, 64);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max, int fallback)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{S}:{key}: must be between {min} and {max} (got {value}); the default is {fallback}"));
        }
    }
}
