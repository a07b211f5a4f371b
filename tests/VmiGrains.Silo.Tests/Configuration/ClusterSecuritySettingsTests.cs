using VmiGrains.Silo.Tests.Tls;

namespace VmiGrains.Silo.Tests.Configuration;

/// <summary>VmiGrains:Cluster:Kubernetes and VmiGrains:Cluster:Tls are checked before the silo starts.</summary>
public sealed class ClusterSecuritySettingsTests
{
    [Fact]
    public void Validate_KubernetesWithLocalhostClustering_AsksForRedis()
    {
        var error = Assert.Single(SettingsBuilder.Load(("VmiGrains:Cluster:Kubernetes", "true")).Validate());

        Assert.StartsWith("VmiGrains:Cluster:Kubernetes: needs Redis clustering (got Clustering \"Localhost\")", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsKeyWithoutCertificate_NamesCertificatePath()
    {
        var error = Assert.Single(SettingsBuilder.Load(("VmiGrains:Cluster:Tls:KeyPath", "/etc/tls.key")).Validate());

        Assert.StartsWith("VmiGrains:Cluster:Tls:CertificatePath: required when KeyPath, CaPath or Clients is set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsWrongPassword_RefusesNamingTheSettings()
    {
        using var certificate = new TestCertificate();
        var error = Assert.Single(SettingsBuilder.Load(
            ("VmiGrains:Cluster:Tls:CertificatePath", certificate.PfxPath),
            ("VmiGrains:Cluster:Tls:CertificatePassword", "wrong")).Validate());

        Assert.StartsWith($"VmiGrains:Cluster:Tls:CertificatePath/CertificatePassword: cannot load \"{certificate.PfxPath}\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsPemCertificateAndKey_NoErrors()
    {
        using var certificate = new TestCertificate();

        Assert.Empty(SettingsBuilder.Load(
            ("VmiGrains:Cluster:Tls:CertificatePath", certificate.PemPath),
            ("VmiGrains:Cluster:Tls:KeyPath", certificate.KeyPath)).Validate());
    }
}
