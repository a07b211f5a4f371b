namespace VmiGrains.Cli.Tests;

/// <summary>A bad <c>VMIGRAINS_TLS_CA</c> is the caller's input to fix: exit 2 naming the variable and the file, before any connection.</summary>
public sealed class ClientTlsSettingsTests
{
    [Fact]
    public async Task TlsCaFileMissing_ExitsTwo_NamingTheVariableAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.pem");

        var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_CA"] = missing },
            "host", "list", "--gateway", "127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"vmi: VMIGRAINS_TLS_CA: cannot read PEM certificates from \"{missing}\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsCaFileWithoutCertificate_ExitsTwo_SayingWhatTheFileMustHold()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"empty-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(empty, "not a certificate\n");
        try
        {
            var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_CA"] = empty },
                "host", "list", "--gateway", "127.0.0.1:1");

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrorLines);
            Assert.StartsWith($"vmi: VMIGRAINS_TLS_CA: no PEM certificate in \"{empty}\"", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task TlsCertFileMissing_ExitsTwo_NamingTheVariableAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-cert-{Guid.NewGuid():N}.crt");

        var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_CERT"] = missing },
            "host", "list", "--gateway", "127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"vmi: VMIGRAINS_TLS_CERT: file not found (got \"{missing}\")", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsKeyWithoutCert_ExitsTwo_AskingForTheCertificate()
    {
        var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_KEY"] = "/etc/vmi/client.key" },
            "host", "list", "--gateway", "127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("vmi: VMIGRAINS_TLS_KEY: set (got \"/etc/vmi/client.key\") but VMIGRAINS_TLS_CERT is not", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsCertWithoutKey_ExitsTwo_NamingTheKeyVariable()
    {
        var folder = Directory.CreateTempSubdirectory("vmi-cert-").FullName;
        try
        {
            using var key = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ops", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var path = Path.Combine(folder, "ops.crt");
            await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());

            var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_CERT"] = path },
                "host", "list", "--gateway", "127.0.0.1:1");

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrorLines);
            Assert.StartsWith($"vmi: VMIGRAINS_TLS_CERT/VMIGRAINS_TLS_KEY: cannot load \"{path}\"", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
