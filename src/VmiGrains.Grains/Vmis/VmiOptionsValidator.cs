using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Vmis;

/// <summary>Checks <see cref="VmiOptions"/> at start-up.</summary>
internal sealed class VmiOptionsValidator : IValidateOptions<VmiOptions>
{
    public ValidateOptionsResult Validate(string? name, VmiOptions options) =>
        options.WindowCheckpointInterval < TimeSpan.Zero || (options.WindowCheckpointInterval > TimeSpan.Zero && options.WindowCheckpointInterval < TimeSpan.FromSeconds(1))
            ? ValidateOptionsResult.Fail($"{VmiOptions.SectionName}:WindowCheckpointInterval: must be zero (off) or at least 1 s (got {options.WindowCheckpointInterval}); e.g. 00:01:00")
            : ValidateOptionsResult.Success;
}
