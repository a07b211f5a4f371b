using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Security;

/// <summary>Adds the silo's incoming call filter: the cluster's own protocol is for silos only.</summary>
internal static class SecuritySiloBuilderExtensions
{
    /// <summary>Registers <see cref="ClusterCallFilter"/> and how it names gateway clients.</summary>
    public static ISiloBuilder AddVmiGrainsCallFilter(this ISiloBuilder silo, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        silo.Services.AddSingleton(GatewayIdentity.For(cluster.Tls.Enabled));
        silo.AddIncomingGrainCallFilter<ClusterCallFilter>();
        return silo;
    }
}
