using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>A self-signed silo certificate (server and client use) written to a temporary folder as .pfx and PEM.</summary>
internal sealed class TestCertificate : IDisposable
{
    public const string Password = "test-pfx-password";

    public TestCertificate()
    {
        Folder = Directory.CreateTempSubdirectory("vmigrains-tls-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=vmigrains-silo", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(PfxPath, certificate.Export(X509ContentType.Pkcs12, Password));
        File.WriteAllText(PemPath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string Folder { get; }

    public string PfxPath => Path.Combine(Folder, "silo.pfx");

    /// <summary>The certificate alone (no key), as the CLI's trust anchor.</summary>
    public string PemPath => Path.Combine(Folder, "silo.crt");

    /// <summary>The PEM private key of <see cref="PemPath"/>.</summary>
    public string KeyPath => Path.Combine(Folder, "silo.key");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
