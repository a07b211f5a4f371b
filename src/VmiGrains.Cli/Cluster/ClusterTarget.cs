using System.CommandLine;
using System.Net;
using StackExchange.Redis;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// Where <c>vmi</c> finds the cluster: one silo gateway (<c>--gateway</c>), or the Redis membership
/// table (<c>--redis</c>) from which the client learns every live gateway and fails over between them.
/// </summary>
/// <param name="Gateway">The gateway, when connecting through one.</param>
/// <param name="Redis">The Redis connection string, when connecting through membership; never printed.</param>
internal sealed record ClusterTarget(IPEndPoint? Gateway, string? Redis)
{
    /// <summary>For messages: the gateway, or the Redis servers without password and options.</summary>
    public string Describe() => Gateway is not null
        ? $"gateway {Gateway}"
        : $"Redis membership at {string.Join(",", ConfigurationOptions.Parse(Redis!).EndPoints.Select(e => e.ToString()))}";

    /// <summary>Reads <c>--gateway</c> / <c>--redis</c>; null with <paramref name="error"/> when they are unusable.</summary>
    public static ClusterTarget? From(ParseResult result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(result);
        var redis = result.GetValue(GlobalOptions.Redis);
        var gatewayGiven = result.GetResult(GlobalOptions.Gateway) is { Implicit: false };
        if (redis is not null)
        {
            if (gatewayGiven)
            {
                error = "--redis: cannot be combined with --gateway; pass one: --gateway HOST:PORT for one silo, --redis CONNSTR to find every silo through Redis";
                return null;
            }

            return CheckRedis(redis, out error) ? new ClusterTarget(null, redis) : null;
        }

        var gateway = ClusterClient.ParseGateway(result.GetValue(GlobalOptions.Gateway)!, out error);
        return gateway is null ? null : new ClusterTarget(gateway, null);
    }

    private static bool CheckRedis(string redis, out string? error)
    {
        error = null;
        try
        {
            if (ConfigurationOptions.Parse(redis).EndPoints.Count > 0)
            {
                return true;
            }
        }
        catch (ArgumentException)
        {
            // reported below, without the value: it may hold a password
        }

        error = "--redis: not a valid Redis connection string (value not shown); use HOST:PORT[,password=…][,ssl=true], e.g. 127.0.0.1:6379";
        return false;
    }
}
