using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VmiGrains.Abstractions.Security;
using Orleans.Connections.Security;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// TLS to the gateways, from the environment: <c>VMIGRAINS_TLS_CA=FILE</c> (PEM CAs, or the silos'
/// self-signed certificate) turns it on and trusts only those; <c>VMIGRAINS_TLS=true</c> turns it on
/// with the system's trusted CAs. <c>VMIGRAINS_TLS_CERT=FILE</c> (PEM with <c>VMIGRAINS_TLS_KEY=FILE</c>,
/// or PKCS#12 with <c>VMIGRAINS_TLS_CERT_PASSWORD</c>) is the client certificate a gateway with TLS
/// requires (mutual TLS); it turns TLS on too. Host names are not checked: gateways are addressed by IP.
/// </summary>
internal static class ClusterTls
{
    public const string CaVariable = "VMIGRAINS_TLS_CA";
    public const string EnableVariable = "VMIGRAINS_TLS";
    public const string CertificateVariable = "VMIGRAINS_TLS_CERT";
    public const string KeyVariable = "VMIGRAINS_TLS_KEY";
    public const string PasswordVariable = "VMIGRAINS_TLS_CERT_PASSWORD";

    /// <summary>Adds TLS to <paramref name="client"/> when asked for; throws <see cref="ClientConfigurationException"/> on a bad CA, certificate or key file.</summary>
    public static void Apply(IClientBuilder client)
    {
        var caPath = Environment.GetEnvironmentVariable(CaVariable);
        var certificatePath = Environment.GetEnvironmentVariable(CertificateVariable);
        var keyPath = Environment.GetEnvironmentVariable(KeyVariable);
        var enabled = bool.TryParse(Environment.GetEnvironmentVariable(EnableVariable), out var on) && on;
        if (string.IsNullOrWhiteSpace(certificatePath) && !string.IsNullOrWhiteSpace(keyPath))
        {
            throw new ClientConfigurationException($"{KeyVariable}: set (got \"{keyPath}\") but {CertificateVariable} is not; set {CertificateVariable} to the client certificate (PEM) that belongs to this key");
        }

        if (string.IsNullOrWhiteSpace(caPath) && string.IsNullOrWhiteSpace(certificatePath) && !enabled)
        {
            return;
        }

        var anchors = string.IsNullOrWhiteSpace(caPath) ? null : LoadAnchors(caPath);
        var certificate = string.IsNullOrWhiteSpace(certificatePath) ? null : ClientCertificate.Load(certificatePath, keyPath, Environment.GetEnvironmentVariable(PasswordVariable));
        client.UseTls(o =>
        {
            o.LocalCertificate = certificate;
            o.ClientCertificateMode = certificate is null ? RemoteCertificateMode.NoCertificate : RemoteCertificateMode.RequireCertificate;
            o.RemoteCertificateValidation = (remote, _, errors) => anchors is null
                ? (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                : CertificateTrust.IsTrusted(remote, anchors);
        });
    }

    private static X509Certificate2Collection LoadAnchors(string path)
    {
        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ClientConfigurationException($"{CaVariable}: cannot read PEM certificates from \"{path}\" ({ex.Message}); point it at the CA (or self-signed silo certificate) in PEM form");
        }

        return anchors.Count > 0 ? anchors
            : throw new ClientConfigurationException($"{CaVariable}: no PEM certificate in \"{path}\"; point it at the CA (or self-signed silo certificate) in PEM form");
    }
}
