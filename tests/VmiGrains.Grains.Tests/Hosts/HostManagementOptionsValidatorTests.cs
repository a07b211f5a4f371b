using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Hosts;

/// <summary>Host settings are checked at start-up; each error names the setting, the value and the fix.</summary>
public sealed class HostManagementOptionsValidatorTests
{
    private static List<string> Errors(HostManagementOptions options) =>
        new HostManagementOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void AdditionalHosts_WithOwnHostAndUris_AreValid()
    {
        var options = new HostManagementOptions { Name = "hv-01" };
        options.Additional["hv-02"] = "qemu+tls://hv-02/system";

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void AdditionalHosts_EveryProblemReported()
    {
        var options = new HostManagementOptions();
        options.Additional["hv 02"] = "qemu+tls://hv-02/system";
        options.Additional["hv-03"] = " ";

        var errors = Errors(options);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("VmiGrains:Host:Additional:hv 02", StringComparison.Ordinal) && e.Contains("host name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("VmiGrains:Host:Additional:hv-03", StringComparison.Ordinal) && e.Contains("qemu+tls://hv-03/system", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("VmiGrains:Host:Name is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void AdditionalHost_SameAsOwnHost_IsRefused()
    {
        var options = new HostManagementOptions { Name = "hv-01" };
        options.Additional["hv-01"] = "qemu+tls://hv-01/system";

        var error = Assert.Single(Errors(options));
        Assert.Contains("other than VmiGrains:Host:Name", error, StringComparison.Ordinal);
    }
}
