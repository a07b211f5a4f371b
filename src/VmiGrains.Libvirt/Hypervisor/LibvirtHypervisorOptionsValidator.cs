using Microsoft.Extensions.Options;

namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>Checks <see cref="LibvirtHypervisorOptions"/> and reports every problem at once.</summary>
public sealed class LibvirtHypervisorOptionsValidator : IValidateOptions<LibvirtHypervisorOptions>
{
    private const string Section = LibvirtHypervisorOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LibvirtHypervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidateUri(options.Uri, errors);

        if (options.HostName is { } host && string.IsNullOrWhiteSpace(host))
        {
            errors.Add($"{Section}:HostName is blank (got '{host}'); set a host name or remove the setting to use the driver's.");
        }

        if (options.NetworkKiBps is 0 or > uint.MaxValue)
        {
            errors.Add($"{Section}:NetworkKiBps must be between 1 and {uint.MaxValue} KiB/s (got {options.NetworkKiBps}); set the host link speed, e.g. 1250000 for 10 Gbit/s.");
        }

        if (options.CpuWeightScale is { } scale && !Enum.IsDefined(scale))
        {
            errors.Add($"{Section}:CpuWeightScale is {(int)scale}, not a known scale; use CgroupV2 or CgroupV1, or remove it to detect.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateUri(string? uri, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            errors.Add($"{Section}:Uri is empty; set a libvirt URI such as qemu:///system or test:///default.");
            return;
        }

        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Scheme))
        {
            errors.Add($"{Section}:Uri '{uri}' is not an absolute URI; use driver[+transport]://[host]/path, e.g. qemu:///system.");
            return;
        }

        if (parsed.Scheme == "test" && parsed.AbsolutePath != "/default" && !File.Exists(parsed.AbsolutePath))
        {
            errors.Add($"{Section}:Uri '{uri}' names the test-driver node file '{parsed.AbsolutePath}', which does not exist; give an absolute path to an existing file (test:///ABSOLUTE/PATH.xml) or use test:///default.");
        }
    }
}
