namespace VmiGrains.Silo.Configuration;

/// <summary>
/// TLS on silo-to-silo and gateway connections (section <c>VmiGrains:Cluster:Tls</c>). Off while
/// <see cref="CertificatePath"/> is empty.
/// </summary>
public sealed class TlsSettings
{
    /// <summary>This silo's certificate: PKCS#12 (<c>.pfx</c>), or PEM when <see cref="KeyPath"/> is set.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/> (e.g. <c>tls.key</c> of a Kubernetes TLS secret).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 certificate. A secret: set it through the environment.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// PEM bundle of the CAs whose certificates other silos may present. Empty: only a silo presenting
    /// this silo's own (self-signed, shared) certificate is trusted.
    /// </summary>
    public string? CaPath { get; set; }

    /// <summary>True when TLS is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
