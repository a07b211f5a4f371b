using Microsoft.Extensions.Options;

namespace VmiGrains.Rules;

/// <summary>Checks <see cref="RulesOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(errors, options.InstructionBudget is >= 1_000 and <= 1_000_000_000, nameof(options.InstructionBudget), options.InstructionBudget, "set 1000..1000000000 instructions");
        Check(errors, options.MemoryLimitBytes is >= 256 * 1024 and <= 1L << 32, nameof(options.MemoryLimitBytes), options.MemoryLimitBytes, "set 262144..4294967296 bytes");
        Check(errors, options.MaxAllocationBytes >= 64 * 1024 && options.MaxAllocationBytes <= options.MemoryLimitBytes, nameof(options.MaxAllocationBytes), options.MaxAllocationBytes, "set 65536 bytes up to Rules:MemoryLimitBytes");
        Check(errors, options.DisabledProfiles is not null && options.DisabledProfiles.All(p => !string.IsNullOrWhiteSpace(p)), nameof(options.DisabledProfiles), options.DisabledProfiles is null ? "null" : string.Join(",", options.DisabledProfiles), "list profile ids, e.g. VmiGrains:Rules:DisabledProfiles:0=security-audit");
        Check(errors, options.WallClockLimit >= TimeSpan.FromMilliseconds(1) && options.WallClockLimit <= TimeSpan.FromSeconds(10), nameof(options.WallClockLimit), options.WallClockLimit, "set 00:00:00.001..00:00:10");
        Check(errors, options.CpuTimeLimit >= TimeSpan.FromMilliseconds(1) && options.CpuTimeLimit <= options.WallClockLimit, nameof(options.CpuTimeLimit), options.CpuTimeLimit, "set 00:00:00.001 up to Rules:WallClockLimit");
        Check(errors, options.MaxActions is >= 1 and <= 1000, nameof(options.MaxActions), options.MaxActions, "set 1..1000");
        Check(errors, options.MaxStringLength is >= 64 and <= 16 * 1024 * 1024, nameof(options.MaxStringLength), options.MaxStringLength, "set 64..16777216 bytes");
        Check(errors, options.MaxActionStringLength is >= 16 and <= 65_536, nameof(options.MaxActionStringLength), options.MaxActionStringLength, "set 16..65536 characters");
        Check(errors, options.MaxStateEntries is >= 0 and <= 1024, nameof(options.MaxStateEntries), options.MaxStateEntries, "set 0..1024 keys");
        Check(errors, options.MaxStateStringLength is >= 1 and <= 65_536, nameof(options.MaxStateStringLength), options.MaxStateStringLength, "set 1..65536 characters");
        Check(errors, options.MaxStateBytes is >= 64 and <= 64 * 1024, nameof(options.MaxStateBytes), options.MaxStateBytes, "set 64..65536 bytes (the VMI's stored state budget counts on at most 64 KiB)");
        Check(errors, options.FailuresBeforeDisable is >= 1 and <= 1000, nameof(options.FailuresBeforeDisable), options.FailuresBeforeDisable, "set 1..1000");
        Check(errors, options.MaxPooledStatesPerProgram is >= 1 and <= 1024, nameof(options.MaxPooledStatesPerProgram), options.MaxPooledStatesPerProgram, "set 1..1024");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, bool ok, string field, object value, string fix)
    {
        if (!ok)
        {
            errors.Add($"{RulesOptions.SectionName}:{field}: out of range (got {value}); {fix}");
        }
    }
}
