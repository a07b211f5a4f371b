using System.Diagnostics;

namespace VmiGrains.Silo.Tests;

/// <summary>The real vmi-silo refuses bad configuration before starting: exit 2, one line per error, no secrets.</summary>
public sealed class SiloProcessTests
{
    [Fact]
    public async Task Start_InvalidConfiguration_Exit2_EveryErrorOnItsOwnLine_NoSecret()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltApps.Silo);
        start.ArgumentList.Add("--VmiGrains:Cluster:Clustering=Reddis");
        start.ArgumentList.Add("--VmiGrains:Storage:Default:Provider=AzureTable");
        start.Environment["VMIGRAINS__STORAGE__DEFAULT__CONNECTIONSTRING"] = "AccountKey=env-secret-value";
        start.Environment["VMIGRAINS__CLUSTER__GATEWAYPORT"] = "11111";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, process.ExitCode);
        Assert.Equal(
            [
                "vmi-silo: VmiGrains:Cluster:Clustering",
                "vmi-silo: VmiGrains:Cluster:GatewayPort",
                "vmi-silo: VmiGrains:Storage:Default:ConnectionString",
            ],
            lines.Select(l => l[..l.IndexOf(": ", "vmi-silo: ".Length, StringComparison.Ordinal)]));
        Assert.DoesNotContain("env-secret-value", await stderr + await stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VmiGrains:Cluster:Dashboard", "maybe")]
    [InlineData("VmiGrains:Cluster:PrimarySiloPort", "eleven")]
    public async Task Start_ValueOfTheWrongType_Exit2_NamingKeyAndValue_NoStackTrace(string key, string value)
    {
        var (exitCode, output) = await Api.SiloProcess.RunToExitAsync(new Dictionary<string, string> { [key] = value });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vmi-silo: ", line, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VmiGrains:Api:ReadTokens:0", "short")]
    [InlineData("VmiGrains:Ticks:SlotSize", "00:00:00")]
    [InlineData("VmiGrains:Rules:FailuresBeforeDisable", "0")]
    [InlineData("VmiGrains:Telemetry:OtlpEndpoint", "notaurl")]
    public async Task Start_OptionsCheckedAtStart_Exit2_NamingKey_NoStackTrace(string key, string value)
    {
        var (exitCode, stdout, stderr) = await Api.SiloProcess.RunToExitSeparatelyAsync(new Dictionary<string, string> { [key] = value });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"vmi-silo: {key}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OptionsOfSeveralSectionsInvalid_Exit2_ListsEveryOne()
    {
        var (exitCode, _, stderr) = await Api.SiloProcess.RunToExitSeparatelyAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Api:ReadTokens:0"] = "short",
            ["VmiGrains:Ticks:SlotSize"] = "00:00:00",
            ["VmiGrains:GuestAgent:MaxReplyBytes"] = "10",
        });

        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(
            new[] { "VmiGrains:Api:ReadTokens:0", "VmiGrains:Ticks:SlotSize", "VmiGrains:GuestAgent:MaxReplyBytes" },
            key => Assert.Single(lines, l => l.StartsWith($"vmi-silo: {key}", StringComparison.Ordinal)));
    }
}
