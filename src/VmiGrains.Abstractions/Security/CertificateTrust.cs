using System.Security.Cryptography.X509Certificates;

namespace VmiGrains.Abstractions.Security;

/// <summary>Certificate checks shared by silos and clients (the <c>vmi</c> CLI) on TLS connections.</summary>
public static class CertificateTrust
{
    /// <summary>True when <paramref name="remote"/> chains to one of <paramref name="anchors"/> (no revocation check; host names are not checked).</summary>
    public static bool IsTrusted(X509Certificate2? remote, X509Certificate2Collection anchors)
    {
        if (remote is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }
}
