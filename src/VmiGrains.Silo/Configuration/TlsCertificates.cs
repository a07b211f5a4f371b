using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Loads the silo's TLS certificate and trust anchors, and decides whether a peer's certificate is
/// trusted. Rule: the peer's chain must end in one of the anchors (the CAs of <c>CaPath</c>, or the
/// silo's own certificate when there is none); host names are not checked, because silos and
/// gateways are addressed by IP (pod IPs in Kubernetes).
/// </summary>
internal static class TlsCertificates
{
    /// <summary>The silo's certificate with its private key; throws <see cref="CryptographicException"/> when unreadable.</summary>
    public static X509Certificate2 LoadCertificate(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return string.IsNullOrWhiteSpace(tls.KeyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath!, tls.CertificatePassword)
            : X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath);
    }

    /// <summary>The trust anchors: the CAs of <c>CaPath</c>, or <paramref name="own"/>.</summary>
    public static X509Certificate2Collection LoadAnchors(TlsSettings tls, X509Certificate2 own)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var anchors = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(tls.CaPath))
        {
            anchors.Add(X509CertificateLoader.LoadCertificate(own.RawData));
        }
        else
        {
            anchors.ImportFromPemFile(tls.CaPath);
        }

        return anchors;
    }
}
