using System.Diagnostics;
using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>A silo with VmiGrains:Cluster:Tls serves TLS clients only, and refuses to start without its certificate.</summary>
public sealed class TlsSiloTests
{
    [Fact]
    public async Task Gateway_TlsCertificateConfigured_CliWithCaConnects_PlainCliRefused()
    {
        using var certificate = new TestCertificate();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:Tls:CertificatePath"] = certificate.PfxPath,
            ["VmiGrains:Cluster:Tls:CertificatePassword"] = TestCertificate.Password,
        });

        var secure = await RunCliAsync(silo, certificate.PemPath);
        Assert.True(secure.ExitCode == 0, $"vmi over TLS failed ({secure.ExitCode}): {secure.Output}\nsilo:\n{silo.Log}");
        Assert.Contains("demo-host-a", secure.Output, StringComparison.Ordinal);

        var plain = await RunCliAsync(silo, caPath: null);
        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("cannot reach the cluster", plain.Output, StringComparison.Ordinal);

        // The probe path of deploy/kubernetes answers without a token.
        using var http = silo.Client();
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Start_TlsCertificateFileMissing_RefusesNamingSettingAndPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.pfx");
        var (exitCode, output) = await SiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:Tls:CertificatePath"] = missing,
        });
        Assert.Equal(2, exitCode);
        Assert.Contains($"VmiGrains:Cluster:Tls:CertificatePath: file not found (got \"{missing}\")", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(SiloProcess silo, string? caPath)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { BuiltApps.Cli, "host", "list", "--gateway", $"127.0.0.1:{silo.GatewayPort}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VMIGRAINS_CLUSTER_ID"] = silo.ClusterId;
        start.Environment.Remove("VMIGRAINS_TLS");
        if (caPath is null)
        {
            start.Environment.Remove("VMIGRAINS_TLS_CA");
        }
        else
        {
            start.Environment["VMIGRAINS_TLS_CA"] = caPath;
        }

        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));
        return (code, stdout + stderr);
    }
}
