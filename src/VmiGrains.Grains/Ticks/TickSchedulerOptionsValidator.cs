using System.Globalization;
using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Ticks;

/// <summary>Checks <see cref="TickSchedulerOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class TickSchedulerOptionsValidator : IValidateOptions<TickSchedulerOptions>
{
    private const string S = TickSchedulerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TickSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SlotSize < TimeSpan.FromMilliseconds(10) || options.SlotSize > TimeSpan.FromSeconds(1))
        {
            errors.Add($"{S}:SlotSize: must be from 00:00:00.01 to 00:00:01 (got {options.SlotSize}); a tick runs at most one slot late; the default is 00:00:00.1");
        }

        if (options.MaxCallsInFlight is < 1 or > 100_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{S}:MaxCallsInFlight: must be between 1 and 100000 (got {options.MaxCallsInFlight}); the default is 512"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
