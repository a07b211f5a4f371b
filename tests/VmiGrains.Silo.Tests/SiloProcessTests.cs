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
}
