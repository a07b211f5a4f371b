using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Security;

/// <summary>Adds gateway client authentication and the silo's incoming call filter.</summary>
internal static class SecuritySiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="GatewayConnectionGuard"/> on every gateway connection (inside TLS, so call this
    /// after <c>UseVmiGrainsTls</c>) and <see cref="ClusterCallFilter"/> on every grain call.
    /// </summary>
    public static ISiloBuilder AddVmiGrainsCallFilter(this ISiloBuilder silo, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        silo.Services.AddSingleton(new GatewayClients(cluster.Tls, cluster.ClientManagement));
        silo.Services.AddSingleton<GatewayConnectionGuard>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<IServiceProvider>((options, services) =>
            options.ConfigureGatewayInboundConnection(connection =>
                connection.Use(next => services.GetRequiredService<GatewayConnectionGuard>().Wrap(next))));
        silo.AddIncomingGrainCallFilter<ClusterCallFilter>();
        return silo;
    }
}
