using System.Diagnostics;
using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>
/// A silo with VmiGrains:Cluster:Tls serves mutual-TLS clients only — the CLI must present a certificate
/// that chains to the configured CA — and refuses to start without its certificate.
/// </summary>
public sealed class TlsSiloTests
{
    [Fact]
    public async Task Gateway_MutualTlsWithCa_CliWithoutCertificateRefused_CaIssuedCertificateConnects_OtherCaRefused()
    {
        using var pki = new TestPki();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:Tls:CertificatePath"] = pki.CertificatePath("silo"),
            ["VmiGrains:Cluster:Tls:KeyPath"] = pki.KeyPath("silo"),
            ["VmiGrains:Cluster:Tls:CaPath"] = pki.CaPath,
        });

        var noCertificate = await RunCliAsync(silo, new() { ["VMIGRAINS_TLS_CA"] = pki.CaPath });
        Assert.True(noCertificate.ExitCode == 1, $"vmi without a client certificate: expected exit 1, got {noCertificate.ExitCode}: {noCertificate.Output}");
        Assert.Contains("cannot reach the cluster", noCertificate.Output, StringComparison.Ordinal);
        Assert.Contains("VMIGRAINS_TLS_CA", noCertificate.Output, StringComparison.Ordinal);

        var ops = await RunCliAsync(silo, new()
        {
            ["VMIGRAINS_TLS_CA"] = pki.CaPath,
            ["VMIGRAINS_TLS_CERT"] = pki.CertificatePath("ops"),
            ["VMIGRAINS_TLS_KEY"] = pki.KeyPath("ops"),
        });
        Assert.True(ops.ExitCode == 0, $"vmi with a CA-issued certificate failed ({ops.ExitCode}): {ops.Output}\nsilo:\n{silo.Log}");
        Assert.Contains("demo-host-a", ops.Output, StringComparison.Ordinal);

        var stranger = await RunCliAsync(silo, new()
        {
            ["VMIGRAINS_TLS_CA"] = pki.CaPath,
            ["VMIGRAINS_TLS_CERT"] = pki.CertificatePath("stranger"),
            ["VMIGRAINS_TLS_KEY"] = pki.KeyPath("stranger"),
        });
        Assert.True(stranger.ExitCode == 1, $"vmi with another CA's certificate: expected exit 1, got {stranger.ExitCode}: {stranger.Output}");

        Assert.Contains("mutual TLS; clients must present a certificate that chains to the CAs of", silo.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_SelfSignedSiloCertificate_CliPresentingItConnects_PlainCliRefused()
    {
        using var certificate = new TestCertificate();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:Tls:CertificatePath"] = certificate.PfxPath,
            ["VmiGrains:Cluster:Tls:CertificatePassword"] = TestCertificate.Password,
        });

        var secure = await RunCliAsync(silo, new()
        {
            ["VMIGRAINS_TLS_CA"] = certificate.PemPath,
            ["VMIGRAINS_TLS_CERT"] = certificate.PemPath,
            ["VMIGRAINS_TLS_KEY"] = certificate.KeyPath,
        });
        Assert.True(secure.ExitCode == 0, $"vmi over TLS failed ({secure.ExitCode}): {secure.Output}\nsilo:\n{silo.Log}");
        Assert.Contains("demo-host-a", secure.Output, StringComparison.Ordinal);

        var plain = await RunCliAsync(silo, []);
        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("cannot reach the cluster", plain.Output, StringComparison.Ordinal);
        Assert.Contains("VMIGRAINS_TLS_CA", plain.Output, StringComparison.Ordinal);

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

    private static async Task<(int ExitCode, string Output)> RunCliAsync(SiloProcess silo, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { BuiltApps.Cli, "host", "list", "--gateway", $"127.0.0.1:{silo.GatewayPort}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VMIGRAINS_CLUSTER_ID"] = silo.ClusterId;
        foreach (var name in new[] { "VMIGRAINS_TLS", "VMIGRAINS_TLS_CA", "VMIGRAINS_TLS_CERT", "VMIGRAINS_TLS_KEY", "VMIGRAINS_TLS_CERT_PASSWORD" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));
        return (code, stdout + stderr);
    }
}
