using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Network;

/// <summary>Checks <see cref="NetworkOptions"/> at start-up and reports every problem at once.</summary>
internal sealed partial class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        var section = NetworkOptions.SectionName;
        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:CommandTimeout: must be above 0 and at most 5 minutes (got {options.CommandTimeout}); set e.g. 00:00:15");
        }

        if (options.NetworkNamespace is { } ns && !NamespaceName().IsMatch(ns))
        {
            failures.Add($"{section}:NetworkNamespace: not a namespace name (got {ns}); use 1-64 characters from [A-Za-z0-9._-] or leave it empty");
        }

        if (!TapAttachments.All.Contains(options.TapAttachment))
        {
            failures.Add($"{section}:TapAttachment: unknown value (got {options.TapAttachment ?? "null"}); use {string.Join(" or ", TapAttachments.All)} (bridge when libvirt puts the taps on a bridge, the usual case)");
        }

        if (!PolicyBackends.All.Contains(options.PolicyBackend))
        {
            failures.Add($"{section}:PolicyBackend: unknown value (got {options.PolicyBackend ?? "null"}); use {string.Join(" or ", PolicyBackends.All)}");
        }

        if (options.Enabled)
        {
            CheckBinary(failures, $"{section}:NftPath", options.NftPath, "install nftables (apt-get install nftables)");
            CheckBinary(failures, $"{section}:TcPath", options.TcPath, "install iproute2 (apt-get install iproute2)");
            // ip runs the namespace and creates the ifb devices that limit what VMIs send.
            CheckBinary(failures, $"{section}:IpPath", options.IpPath, "install iproute2 (apt-get install iproute2)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBinary(List<string> failures, string key, string? path, string fix)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            failures.Add($"{key}: must be an absolute path (got {path ?? "null"}); set the full path of the binary");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{key}: no such file (got {path}); {fix}, or set the right path, or set VmiGrains:Network:Enabled=false");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamespaceName();
}
