using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Allocation;

namespace VmiGrains.Grains.Hosts;

/// <summary>Reports every problem with <see cref="HostManagementOptions"/> at start-up, not just the first.</summary>
internal sealed partial class HostManagementOptionsValidator : IValidateOptions<HostManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, HostManagementOptions options)
    {
        var errors = new List<string>();
        const string s = HostManagementOptions.SectionName;
        if (options.Name is { Length: > 0 } host && !HostName().IsMatch(host))
        {
            errors.Add($"{s}:Name: must be a host name of letters, digits, '.', '_' and '-' (got \"{host}\"); use the hypervisor's short host name");
        }

        foreach (var (extra, uri) in options.Additional)
        {
            if (!HostName().IsMatch(extra) || string.Equals(extra, options.Name, StringComparison.Ordinal))
            {
                errors.Add($"{s}:Additional:{extra}: must be a host name of letters, digits, '.', '_' and '-', other than {s}:Name (got \"{extra}\")");
            }

            if (string.IsNullOrWhiteSpace(uri))
            {
                errors.Add($"{s}:Additional:{extra}: needs the host's libvirt URI (got \"{uri}\"); e.g. qemu+tls://{extra}/system");
            }
        }

        if (options.Additional.Count > 0 && string.IsNullOrEmpty(options.Name))
        {
            errors.Add($"{s}:Additional: lists {options.Additional.Count} host(s) but {s}:Name is not set; name this silo's own host too");
        }

        Positive(errors, $"{s}:RebalanceInterval", options.RebalanceInterval);
        Positive(errors, $"{s}:ReconcileInterval", options.ReconcileInterval);
        Positive(errors, $"{s}:DiscoveryInterval", options.DiscoveryInterval);
        Positive(errors, $"{s}:UndoSweepInterval", options.UndoSweepInterval);
        Positive(errors, $"{s}:Cooldown", options.Cooldown, allowZero: true);
        if (options.StatsInterval < TimeSpan.Zero)
        {
            errors.Add($"{s}:StatsInterval: must be zero (off) or positive (got {options.StatsInterval}); e.g. 00:00:05");
        }

        if (options.MemoryFloorMiB is < 16 or > 1_048_576)
        {
            errors.Add($"{s}:MemoryFloorMiB: must be 16-1048576 (got {options.MemoryFloorMiB}); 256 suits most guests");
        }

        if (options.AbsoluteThreshold is < 0 or > 1 || options.RelativeThreshold is < 0 or > 1)
        {
            errors.Add($"{s}:AbsoluteThreshold/RelativeThreshold: must be fractions in [0,1] (got {options.AbsoluteThreshold}, {options.RelativeThreshold}); defaults are 0.02 and 0.10");
        }

        ValidateAllocation(errors, $"{s}:Allocation", options.Allocation);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateAllocation(List<string> errors, string s, WorkConservingOptions a)
    {
        Fraction(errors, $"{s}:MemoryPressure", a.MemoryPressure, 0.05, 1, "0.90");
        Fraction(errors, $"{s}:NetworkPressure", a.NetworkPressure, 0.05, 1, "0.90");
        Fraction(errors, $"{s}:Hysteresis", a.Hysteresis, 0, 0.5, "0.10");
        if (a.Hysteresis >= Math.Min(a.MemoryPressure, a.NetworkPressure) && a.Hysteresis is >= 0 and <= 0.5)
        {
            errors.Add($"{s}:Hysteresis: must be below both pressure thresholds (got {a.Hysteresis} with MemoryPressure {a.MemoryPressure}, NetworkPressure {a.NetworkPressure}), or contention never ends; e.g. 0.10");
        }

        Fraction(errors, $"{s}:ProbeThreshold", a.ProbeThreshold, 0.5, 1, "0.95");
        Fraction(errors, $"{s}:MemoryStep", a.MemoryStep, 0.005, 1, "0.05 (MoM's step)");
        Fraction(errors, $"{s}:ChangeBudgetFraction", a.ChangeBudgetFraction, 0.01, 1, "0.25");
        if (a.ChangeBudgetMinimum < 1)
        {
            errors.Add($"{s}:ChangeBudgetMinimum: must be at least 1 (got {a.ChangeBudgetMinimum}), or nothing ever changes; e.g. 4");
        }

        Positive(errors, $"{s}:MinimumDwell", a.MinimumDwell, allowZero: true);
    }

    private static void Fraction(List<string> errors, string key, double value, double min, double max, string example)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            errors.Add(FormattableString.Invariant($"{key}: must be {min}-{max} (got {value}); e.g. {example}"));
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            errors.Add($"{key}: must be {(allowZero ? "zero or positive" : "positive")} (got {value}); write it as hh:mm:ss");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,253}$")]
    private static partial Regex HostName();
}
