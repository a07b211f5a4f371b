using System.Security.Cryptography;

namespace VmiGrains.Silo.Configuration;

/// <summary>Checks <see cref="TlsSettings"/>: every file exists and the certificate loads with its private key.</summary>
internal static class TlsSettingsValidator
{
    private const string S = ClusterSettings.SectionName + ":Tls";

    /// <summary>Every problem, empty when TLS is off or usable.</summary>
    public static IReadOnlyList<string> Validate(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var errors = new List<string>();
        if (!tls.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(tls.KeyPath) || !string.IsNullOrWhiteSpace(tls.CaPath) || tls.Clients.Count > 0)
            {
                errors.Add($"{S}:CertificatePath: required when KeyPath, CaPath or Clients is set (got nothing); set it to the silo's certificate file, or remove the other Tls settings");
            }

            return errors;
        }

        var files = new[] { ("CertificatePath", tls.CertificatePath), ("KeyPath", tls.KeyPath), ("CaPath", tls.CaPath) };
        foreach (var (key, path) in files.Where(f => !string.IsNullOrWhiteSpace(f.Item2)))
        {
            if (!File.Exists(path))
            {
                errors.Add($"{S}:{key}: file not found (got \"{path}\"); mount the file there or correct the path");
            }
        }

        foreach (var (name, value) in tls.Clients)
        {
            foreach (var scope in TlsSettings.ParseScopes(value).Where(s => !VmiGrains.Abstractions.Security.Scopes.All.Contains(s)))
            {
                errors.Add($"{S}:Clients:{name}: unknown scope (got \"{scope}\"){DidYouMean.Suggest(scope, VmiGrains.Abstractions.Security.Scopes.All)}; use a comma-separated list of read, write, exec");
            }
        }

        if (errors.Count == 0)
        {
            Load(errors, tls);
        }

        return errors;
    }

    private static void Load(List<string> errors, TlsSettings tls)
    {
        try
        {
            using var certificate = TlsCertificates.LoadCertificate(tls);
            if (!certificate.HasPrivateKey)
            {
                errors.Add($"{S}:CertificatePath: the certificate has no private key (got \"{tls.CertificatePath}\"); use a .pfx with its key, or set KeyPath to the PEM key");
            }

            _ = TlsCertificates.LoadAnchors(tls, certificate);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            var keys = string.IsNullOrWhiteSpace(tls.KeyPath) ? "CertificatePath/CertificatePassword" : "CertificatePath/KeyPath";
            errors.Add($"{S}:{keys}: cannot load \"{tls.CertificatePath}\" ({ex.Message}); give a PKCS#12 file and its password, or PEM certificate and key files{(string.IsNullOrWhiteSpace(tls.CaPath) ? "" : ", and a PEM CA bundle as CaPath")}");
        }
    }
}
