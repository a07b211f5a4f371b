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

    /// <summary>
    /// Scopes of gateway clients by their certificate's common name, e.g. <c>Clients:ops=read,write,exec</c>
    /// and <c>Clients:dashboard-bot=read</c>. Empty: every certificate of the CA may do everything; set:
    /// a certificate whose name is missing may do nothing. Names match case-insensitively (environment
    /// variables such as <c>VMIGRAINS__CLUSTER__TLS__CLIENTS__OPS</c> arrive upper-case).
    /// </summary>
    public IDictionary<string, string> Clients { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The scopes of a <see cref="Clients"/> value, lower-case and trimmed.</summary>
    public static IReadOnlyList<string> ParseScopes(string? value) =>
        [.. (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct()];

    /// <summary>True when TLS is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
