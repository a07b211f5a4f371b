using System.Security.Cryptography.X509Certificates;
using Orleans.Configuration;
using Orleans.Connections.Security;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Silo.Configuration;

/// <summary>Turns validated <see cref="TlsSettings"/> into TLS on the silo and gateway endpoints.</summary>
internal static class TlsSiloBuilderExtensions
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// Mutual TLS on every silo and gateway connection when a certificate is configured. Clients (the
    /// <c>vmi</c> CLI, with <c>VMIGRAINS_TLS_CERT</c>) must present a certificate trusted by
    /// <see cref="CertificateTrust.IsTrusted"/>; other silos must too, and theirs must also allow server
    /// authentication (<see cref="IsSiloCertificate"/>), so that a client certificate of the same CA cannot
    /// join the silo-to-silo port and pose as a silo. A connection without an acceptable certificate fails
    /// its TLS handshake before any Orleans message is read.
    /// </summary>
    public static ISiloBuilder UseVmiGrainsTls(this ISiloBuilder silo, TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.Enabled)
        {
            return silo;
        }

        var certificate = TlsCertificates.LoadCertificate(tls);
        var anchors = TlsCertificates.LoadAnchors(tls, certificate);
        var peers = Options(certificate, remote => CertificateTrust.IsTrusted(remote, anchors) && IsSiloCertificate(remote));
        var clients = Options(certificate, remote => CertificateTrust.IsTrusted(remote, anchors));
        return silo.Configure<SiloConnectionOptions>(o =>
        {
            o.ConfigureSiloInboundConnection(c => c.UseServerTls(peers));
            o.ConfigureSiloOutboundConnection(c => c.UseClientTls(peers));
            o.ConfigureGatewayInboundConnection(c => c.UseServerTls(clients));
        });
    }

    /// <summary>True when <paramref name="certificate"/> may authenticate a server: no extended key usage (any use), or serverAuth among them.</summary>
    public static bool IsSiloCertificate(X509Certificate2? certificate) =>
        certificate?.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } usage
            ? certificate is not null
            : usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ServerAuth);

    private static TlsOptions Options(X509Certificate2 certificate, Func<X509Certificate2?, bool> trusted) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (remote, _, _) => trusted(remote),
    };
}
