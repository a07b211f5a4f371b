using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>
/// A CA with a silo certificate and two client certificates (<c>CN=ops</c>, <c>CN=viewer</c>) it
/// signed, plus a client certificate of another CA (<c>CN=stranger</c>), as PEM files in a temporary folder.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public TestPki()
    {
        Folder = Directory.CreateTempSubdirectory("vmigrains-pki-").FullName;
        using var caKey = RSA.Create(2048);
        using var ca = Authority("CN=vmigrains-test-ca", caKey);
        File.WriteAllText(CaPath, ca.ExportCertificatePem());
        Issue(ca, "vmigrains-silo", "silo", server: true);
        Issue(ca, "ops", "ops", server: false);
        Issue(ca, "viewer", "viewer", server: false);
        using var otherKey = RSA.Create(2048);
        using var other = Authority("CN=other-ca", otherKey);
        Issue(other, "stranger", "stranger", server: false);
    }

    public string Folder { get; }

    public string CaPath => Path.Combine(Folder, "ca.crt");

    public string CertificatePath(string name) => Path.Combine(Folder, $"{name}.crt");

    public string KeyPath(string name) => Path.Combine(Folder, $"{name}.key");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static X509Certificate2 Authority(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    private void Issue(X509Certificate2 ca, string commonName, string file, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var usages = new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") };
        if (server)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        File.WriteAllText(CertificatePath(file), certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath(file), key.ExportPkcs8PrivateKeyPem());
    }
}
