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
/// <param name="CallTimeout">How long one grain call may take (<c>--timeout</c>, else <see cref="TimeoutVariable"/>, else 30 s).</param>
internal sealed record ClusterTarget(IPEndPoint? Gateway, string? Redis, TimeSpan CallTimeout)
{
    /// <summary>The call timeout when none is given: Orleans' default response timeout.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable that stands in for <c>--timeout</c>.</summary>
    public const string TimeoutVariable = "VMIGRAINS_TIMEOUT";

    /// <summary>For messages: the gateway, or the Redis servers without password and options.</summary>
    public string Describe() => Gateway is not null
        ? $"gateway {Gateway}"
        : $"Redis membership at {string.Join(",", ConfigurationOptions.Parse(Redis!).EndPoints.Select(e => e.ToString()))}";

    /// <summary>The environment variable that stands in for <c>--gateway</c>.</summary>
    public const string GatewayVariable = "VMIGRAINS_GATEWAY";

    /// <summary>The environment variable that stands in for <c>--redis</c>.</summary>
    public const string RedisVariable = "VMIGRAINS_REDIS";

    /// <summary>
    /// Reads <c>--gateway</c> / <c>--redis</c>, else <see cref="GatewayVariable"/> / <see cref="RedisVariable"/>
    /// (an option given on the command line wins over both variables), else the default gateway;
    /// null with <paramref name="error"/> when they are unusable.
    /// </summary>
    public static ClusterTarget? From(ParseResult result, out string? error) =>
        From(result, Environment.GetEnvironmentVariable, out error);

    /// <inheritdoc cref="From(ParseResult, out string?)"/>
    internal static ClusterTarget? From(ParseResult result, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);
        return Timeout(result, environment, out error) is { } timeout && Where(result, environment, out error) is { } target
            ? target with { CallTimeout = timeout }
            : null;
    }

    /// <summary><c>--timeout</c>, else <see cref="TimeoutVariable"/>, else <see cref="DefaultCallTimeout"/>; null with <paramref name="error"/> when unusable.</summary>
    private static TimeSpan? Timeout(ParseResult result, Func<string, string?> environment, out string? error)
    {
        error = null;
        var (text, source) = result.GetValue(GlobalOptions.Timeout) is { } given ? (given, "--timeout") : (NonEmpty(environment(TimeoutVariable)), TimeoutVariable);
        if (text is null)
        {
            return DefaultCallTimeout;
        }

        if (Domain.Profiles.DurationFormat.TryParse(text, out var timeout) && timeout >= TimeSpan.FromSeconds(1) && timeout <= TimeSpan.FromHours(1))
        {
            return timeout;
        }

        error = $"{source}: must be a duration from 1s to 1h, such as 30s, 90s or 2m (got \"{text}\")";
        return null;
    }

    private static ClusterTarget? Where(ParseResult result, Func<string, string?> environment, out string? error)
    {
        var redis = result.GetValue(GlobalOptions.Redis);
        var gatewayGiven = result.GetResult(GlobalOptions.Gateway) is { Implicit: false };
        if (redis is not null)
        {
            if (gatewayGiven)
            {
                error = "--redis: cannot be combined with --gateway; pass one: --gateway HOST:PORT for one silo, --redis CONNSTR to find every silo through Redis";
                return null;
            }

            return CheckRedis(redis, "--redis", out error) ? new ClusterTarget(null, redis, DefaultCallTimeout) : null;
        }

        if (!gatewayGiven && NonEmpty(environment(RedisVariable)) is { } redisFromEnvironment)
        {
            if (NonEmpty(environment(GatewayVariable)) is not null)
            {
                error = $"{RedisVariable} and {GatewayVariable} are both set; unset one (or pass --gateway or --redis, which win over both)";
                return null;
            }

            return CheckRedis(redisFromEnvironment, RedisVariable, out error) ? new ClusterTarget(null, redisFromEnvironment, DefaultCallTimeout) : null;
        }

        var fromEnvironment = gatewayGiven ? null : NonEmpty(environment(GatewayVariable));
        var gateway = ClusterClient.ParseGateway(fromEnvironment ?? result.GetValue(GlobalOptions.Gateway)!, out error);
        if (gateway is null && fromEnvironment is not null && error is not null)
        {
            error = error.StartsWith("--gateway", StringComparison.Ordinal) ? GatewayVariable + error["--gateway".Length..] : $"{GatewayVariable}: {error}";
        }

        return gateway is null ? null : new ClusterTarget(gateway, null, DefaultCallTimeout);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool CheckRedis(string redis, string source, out string? error)
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

        error = $"{source}: not a valid Redis connection string (value not shown); use HOST:PORT[,password=…][,ssl=true], e.g. 127.0.0.1:6379";
        return false;
    }
}
