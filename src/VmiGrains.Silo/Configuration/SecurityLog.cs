namespace VmiGrains.Silo.Configuration;

/// <summary>What protects the Orleans gateway, said once at start-up.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway on port {Port}: mutual TLS; clients must present a certificate that chains to {Anchors}")]
    public static partial void GatewayMutualTls(ILogger logger, int port, string anchors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway on port {Port}: no authentication ({Section}:Tls is not configured): any process that reaches {Address} may call every public grain method. Localhost clustering listens on 127.0.0.1 only; configure {Section}:Tls:CertificatePath and :CaPath before exposing the gateway.")]
    public static partial void GatewayUnauthenticated(ILogger logger, int port, string section, string address);

    /// <summary>Logs how the gateway of <paramref name="cluster"/> authenticates its clients.</summary>
    public static void Gateway(ILogger logger, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Tls.Enabled)
        {
            GatewayMutualTls(logger, cluster.GatewayPort, string.IsNullOrWhiteSpace(cluster.Tls.CaPath) ? "the silo's own certificate" : $"the CAs of {cluster.Tls.CaPath}");
            return;
        }

        var address = ProviderNames.Canonical(ProviderNames.Clustering, cluster.Clustering) == ProviderNames.Localhost
            ? $"127.0.0.1:{cluster.GatewayPort}"
            : $"{(cluster.ListenOnAnyAddress ? "any address" : cluster.AdvertisedAddress ?? "this machine's address")}:{cluster.GatewayPort}";
        GatewayUnauthenticated(logger, cluster.GatewayPort, ClusterSettings.SectionName, address);
    }
}
