using Orleans.Connections.Security;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Silo.Configuration;

/// <summary>Turns validated <see cref="TlsSettings"/> into TLS on the silo and gateway endpoints.</summary>
internal static class TlsSiloBuilderExtensions
{
    /// <summary>
    /// Mutual TLS on every silo and gateway connection when a certificate is configured: other silos and
    /// clients (the <c>vmi</c> CLI, with <c>VMIGRAINS_TLS_CERT</c>) must present a certificate trusted by
    /// <see cref="CertificateTrust.IsTrusted"/>; a connection without one fails its TLS handshake before
    /// any Orleans message is read.
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
        return silo.UseTls(certificate, o =>
        {
            o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.RemoteCertificateValidation = (remote, _, _) => CertificateTrust.IsTrusted(remote, anchors);
        });
    }
}
