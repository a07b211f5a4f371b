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

    [Fact]
    public void AllocationPolicy_EveryBadSettingReported()
    {
        var options = new HostManagementOptions
        {
            Allocation = new()
            {
                MemoryPressure = 1.5,
                NetworkPressure = double.NaN,
                ProbeThreshold = 0.1,
                MemoryStep = 0,
                ChangeBudgetFraction = 2,
                ChangeBudgetMinimum = 0,
                MinimumDwell = TimeSpan.FromSeconds(-1),
            },
        };

        var errors = Errors(options);

        Assert.Equal(7, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Host:Allocation:MemoryPressure: must be 0.05-1 (got 1.5)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Host:Allocation:NetworkPressure: must be 0.05-1 (got NaN)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Host:Allocation:MemoryStep:", StringComparison.Ordinal) && e.Contains("MoM", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Host:Allocation:ChangeBudgetMinimum: must be at least 1 (got 0)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Host:Allocation:MinimumDwell:", StringComparison.Ordinal));
    }

    [Fact]
    public void AllocationPolicy_HysteresisNotBelowThreshold_IsRefused()
    {
        var errors = Errors(new HostManagementOptions { Allocation = new() { MemoryPressure = 0.3, Hysteresis = 0.4 } });

        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Host:Allocation:Hysteresis: must be below both pressure thresholds", StringComparison.Ordinal));
    }

    [Fact]
    public void AllocationPolicy_Defaults_AreValid() => Assert.Empty(Errors(new HostManagementOptions()));

    [Fact]
    public void UndoSweepInterval_Zero_RefusedNamingSettingValueAndFormat()
    {
        var error = Assert.Single(Errors(new HostManagementOptions { UndoSweepInterval = TimeSpan.Zero }));

        Assert.Equal("VmiGrains:Host:UndoSweepInterval: must be positive (got 00:00:00); write it as hh:mm:ss", error);
    }
}
