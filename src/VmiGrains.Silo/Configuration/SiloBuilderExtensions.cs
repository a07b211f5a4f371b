using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

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
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            var advertised = string.IsNullOrWhiteSpace(cluster.AdvertisedAddress) ? null : IPAddress.Parse(cluster.AdvertisedAddress);
            if (advertised is null)
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
    /// One grain storage per name in <see cref="StorageSettings.Names"/>, each on its configured provider.
    /// Durable providers store state with the Orleans serializer: every state type is
    /// <c>[GenerateSerializer]</c> with <c>[Id]</c>s and <c>[Alias]</c>es, so stored state survives adding
    /// fields and renaming types, and records without parameterless constructors round-trip (the
    /// default Newtonsoft JSON serializer fails on them and embeds .NET type names).
    /// </summary>
    public static ISiloBuilder AddVmiGrainsStorage(this ISiloBuilder silo, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var name in StorageSettings.Names)
        {
            var r = settings.Storage.Resolve(name, settings.Cluster);
            var connection = r.ConnectionString;
            switch (ProviderNames.Canonical(ProviderNames.Storage, r.Provider))
            {
                case ProviderNames.AzureTable:
                    silo.AddAzureTableGrainStorage(name, (OptionsBuilder<AzureTableStorageOptions> o) => o.Configure<Serializer>((options, serializer) =>
                    {
                        options.TableServiceClient = new TableServiceClient(connection);
                        options.TableName = r.TableName;
                        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                case ProviderNames.AzureBlob:
                    silo.AddAzureBlobGrainStorage(name, (OptionsBuilder<AzureBlobStorageOptions> o) => o.Configure<Serializer>((options, serializer) =>
                    {
                        options.BlobServiceClient = new BlobServiceClient(connection);
                        options.ContainerName = r.ContainerName;
                        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                case ProviderNames.Redis:
                    silo.AddRedisGrainStorage(name, (OptionsBuilder<RedisStorageOptions> o) => o.Configure<Serializer>((options, serializer) =>
                    {
                        options.ConfigurationOptions = ConfigurationOptions.Parse(connection!);
                        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                    break;
                default:
                    silo.AddMemoryGrainStorage(name);
                    break;
            }
        }

        return silo;
    }
}
