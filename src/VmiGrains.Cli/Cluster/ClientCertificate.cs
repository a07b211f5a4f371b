using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// Loads the client certificate the CLI presents to a mutual-TLS gateway: PEM certificate and PEM key
/// (<c>VMIGRAINS_TLS_KEY</c>; omitted when the key is in the certificate's file), or PKCS#12. Every
/// failure names the variable, the file and the fix.
/// </summary>
internal static class ClientCertificate
{
    public static X509Certificate2 Load(string certificatePath, string? keyPath, string? password)
    {
        if (!File.Exists(certificatePath))
        {
            throw new ClientConfigurationException($"{ClusterTls.CertificateVariable}: file not found (got \"{certificatePath}\"); point it at this client's certificate (PEM, with {ClusterTls.KeyVariable}, or PKCS#12 .pfx)");
        }

        if (!string.IsNullOrWhiteSpace(keyPath) && !File.Exists(keyPath))
        {
            throw new ClientConfigurationException($"{ClusterTls.KeyVariable}: file not found (got \"{keyPath}\"); point it at the PEM private key of {ClusterTls.CertificateVariable}");
        }

        X509Certificate2 certificate;
        var pem = false;
        try
        {
            pem = IsPem(certificatePath);
            certificate = pem
                ? X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new ClientConfigurationException(pem || !string.IsNullOrWhiteSpace(keyPath)
                ? $"{ClusterTls.CertificateVariable}/{ClusterTls.KeyVariable}: cannot load \"{certificatePath}\"{(string.IsNullOrWhiteSpace(keyPath) ? "" : $" with key \"{keyPath}\"")} ({ex.Message}); give the PEM certificate and its PEM private key ({ClusterTls.KeyVariable})"
                : $"{ClusterTls.CertificateVariable}: cannot load \"{certificatePath}\" as PKCS#12 ({ex.Message}); give a .pfx and its password in {ClusterTls.PasswordVariable}, or a PEM certificate with {ClusterTls.KeyVariable}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ClientConfigurationException($"{ClusterTls.KeyVariable}: the certificate \"{certificatePath}\" has no private key (got {(string.IsNullOrWhiteSpace(keyPath) ? "no key file" : $"\"{keyPath}\"")}); set {ClusterTls.KeyVariable} to its PEM private key");
        }

        return certificate;
    }

    private static bool IsPem(string path)
    {
        Span<byte> head = stackalloc byte[64];
        using var file = File.OpenRead(path);
        var n = file.Read(head);
        return System.Text.Encoding.ASCII.GetString(head[..n]).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
