using Orleans.Serialization;
using Orleans.Storage;
using System.Net;
using Orleans.Configuration;
using StackExchange.Redis;
using VmiGrains.Silo.Clustering;

namespace VmiGrains.Silo.Configuration;

/// <summary>Turns validated <see cref="SiloSettings"/> into Orleans providers.</summary>
internal static class SiloBuilderExtensions
{
    /// <summary>
    /// Cluster identity, endpoints, membership provider (<c>Localhost</c> or <c>Redis</c>) and the
    /// failure-detection settings of <see cref="MembershipSettings"/>.
    /// </summary>
    public static ISiloBuilder UseVmiGrainsClustering(this ISiloBuilder silo, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        if (ProviderNames.Canonical(ProviderNames.Clustering, cluster.Clustering) == ProviderNames.Redis)
        {
            var connection = cluster.ConnectionString!;
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(connection));
            // A Redis that comes back empty must not split the cluster (docs/operations.md, "Redis for membership").
            silo.ConfigureServices(services => services.AddRecoveringRedisMembership());
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            var advertised = string.IsNullOrWhiteSpace(cluster.AdvertisedAddress) ? null : IPAddress.Parse(cluster.AdvertisedAddress);
            if (cluster.Kubernetes)
            {
                // The pod's IP is advertised and every address listened on; registered after ClusterOptions
                // above, so the pod's orleans/clusterId and orleans/serviceId labels win (ORLEANS_* variables).
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = cluster.SiloPort;
                    o.GatewayPort = cluster.GatewayPort;
                    if (advertised is not null)
                    {
                        o.AdvertisedIPAddress = advertised;
                    }
                });
                silo.UseKubernetesHosting();
            }
            else if (advertised is null)
            {
                silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyAddress);
            }
            else
            {
                silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyAddress);
            }
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort,
                cluster.PrimarySiloPort is { } p ? new IPEndPoint(IPAddress.Loopback, p) : null,
                cluster.ServiceId, cluster.ClusterId);
        }

        if (!cluster.Kubernetes)
        {
            // Orleans' default name is random per start; telemetry's service.instance.id is this name, so it
            // stays one series across restarts. Kubernetes hosting names the silo after its pod instead.
            silo.Configure<SiloOptions>(o => o.SiloName = $"{Environment.MachineName}-{cluster.SiloPort}");
        }

        var m = cluster.Membership ?? new MembershipSettings();
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = m.ProbeTimeout;
            o.NumMissedProbesLimit = m.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = m.NumVotesForDeathDeclaration;
            o.TableRefreshTimeout = m.TableRefreshTimeout;
            o.IAmAliveTablePublishTimeout = m.IAmAliveTablePublishTimeout;
        });
        return silo;
    }

    /// <summary>
    /// The reminder service rollouts resume on after their silo dies: in Redis with Redis membership (the
    /// same connection: membership and reminders live and die together), in memory with localhost
    /// clustering (one silo, nothing to fail over to).
    /// </summary>
    public static ISiloBuilder UseVmiGrainsReminders(this ISiloBuilder silo, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        if (ProviderNames.Canonical(ProviderNames.Clustering, cluster.Clustering) == ProviderNames.Redis)
        {
            var connection = cluster.ConnectionString!;
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(connection));
        }
        else
        {
            silo.UseInMemoryReminderService();
        }

        return silo;
    }

    /// <summary>One grain storage per name in <see cref="StorageSettings.Names"/>, each on its configured provider.</summary>
    public static ISiloBuilder AddVmiGrainsStorage(this ISiloBuilder silo, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var name in StorageSettings.Names)
        {
            var r = settings.Storage.Resolve(name, settings.Cluster);
            var connection = r.ConnectionString;
            // Durable providers store state with Orleans' own serializer: version-tolerant through the
            // [Id]s of every state type, and no .NET type names in the data (the default JSON embeds
            // $type, so renaming a type would orphan stored state; FIELD-NOTES).
            switch (ProviderNames.Canonical(ProviderNames.Storage, r.Provider))
            {
                case ProviderNames.AzureTable:
                    silo.AddAzureTableGrainStorage(name, b => b.Configure<Serializer>((o, serializer) =>
                    {
                        o.TableServiceClient = StorageClients.Table(connection);
                        o.TableName = r.TableName;
                        o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                case ProviderNames.AzureBlob:
                    silo.AddAzureBlobGrainStorage(name, b => b.Configure<Serializer>((o, serializer) =>
                    {
                        o.BlobServiceClient = StorageClients.Blob(connection);
                        o.ContainerName = r.ContainerName;
                        o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                case ProviderNames.Redis:
                    silo.AddRedisGrainStorage(name, b => b.Configure<Serializer>((o, serializer) =>
                    {
                        o.ConfigurationOptions = ConfigurationOptions.Parse(connection!);
                        o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                default:
                    // The same serializer in memory: what is measured and tested is what is stored.
                    silo.AddMemoryGrainStorage(name, b => b.Configure<Serializer>((o, serializer) =>
                        o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
                    break;
            }
        }

        return silo;
    }
}
