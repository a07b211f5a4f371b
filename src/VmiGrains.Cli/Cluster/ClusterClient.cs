using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace VmiGrains.Cli.Cluster;

/// <summary>Connects <c>vmi</c> to a cluster through a silo gateway or the Redis membership table.</summary>
internal static class ClusterClient
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Parses <c>HOST:PORT</c>; null with <paramref name="error"/> when it is not one.</summary>
    public static IPEndPoint? ParseGateway(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], out var port) && port is > 0 and < 65536)
        {
            var host = text[..colon].Trim('[', ']');
            if (IPAddress.TryParse(host, out var ip))
            {
                return new IPEndPoint(ip, port);
            }

            try
            {
                var addresses = Dns.GetHostAddresses(host);
                if (addresses.Length > 0)
                {
                    return new IPEndPoint(addresses[0], port);
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // reported below
            }
        }

        error = $"--gateway: must be HOST:PORT of a silo gateway (got \"{text}\"); e.g. 127.0.0.1:30000";
        return null;
    }

    /// <summary>Starts a client; throws <see cref="ClusterUnreachableException"/> with the reason when it cannot connect.</summary>
    public static async Task<IHost> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Redis is { } membership && await RedisMembershipCheck.ProblemAsync(membership, ServiceId, ClusterId, target.Describe()) is { } problem)
        {
            throw new ClusterUnreachableException(problem);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, ClientLifetime>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A failure that retrying cannot cure ends the wait at once.
        using var failures = new ConnectionFailures(ClusterId, target.Describe(), timeout.Cancel, singleGateway: target.Redis is null);
        builder.Logging.AddProvider(failures);
        builder.UseOrleansClient(client =>
        {
            if (target.Redis is { } redis)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            }
            else
            {
                client.UseStaticClustering(target.Gateway!);
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            ClusterTls.Apply(client);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(30));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = target.CallTimeout);
        });
        var host = builder.Build();
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            host.Dispose();
            if (failures.Fatal is { } fatal)
            {
                throw new ClusterUnreachableException(fatal);
            }

            throw new ClusterUnreachableException(
                $"cannot reach the cluster through {target.Describe()} (cluster id {ClusterId}): {(ex is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds} s" : Redact(ex.Message, target))}; start it with ./scripts/run.sh, or pass --gateway HOST:PORT or --redis CONNSTR (and VMIGRAINS_CLUSTER_ID) of a running cluster; a gateway with TLS needs VMIGRAINS_TLS_CA (and VMIGRAINS_TLS_CERT/KEY for mutual TLS)");
        }
    }

    private static string ServiceId => Environment.GetEnvironmentVariable("VMIGRAINS_SERVICE_ID") ?? "vmigrains";

    private static string ClusterId => Environment.GetEnvironmentVariable("VMIGRAINS_CLUSTER_ID") ?? "vmigrains-dev";

    /// <summary>Errors from the Redis client may quote the connection string, password included.</summary>
    private static string Redact(string message, ClusterTarget target) =>
        target.Redis is { Length: > 0 } redis ? message.Replace(redis, "(connection string)", StringComparison.Ordinal) : message;

    /// <summary>The grain factory of a started client host.</summary>
    public static IClusterClient Grains(IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
