using StackExchange.Redis;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// Before <c>vmi</c> connects through Redis: is there a membership table for its cluster id? Without
/// one the Orleans client only says, after its timeout, that it found no gateway. The table is the
/// hash <c>{ServiceId}/members/{ClusterId}</c> of Orleans' Redis clustering.
/// </summary>
internal static class RedisMembershipCheck
{
    private const int MaxListed = 10;

    private static bool IsActive(string row)
    {
        try
        {
            using var entry = System.Text.Json.JsonDocument.Parse(row);
            return entry.RootElement.TryGetProperty("Status", out var status) && status.TryGetInt32(out var value) && value == (int)SiloStatus.Active;
        }
        catch (System.Text.Json.JsonException)
        {
            return true; // a format this check does not know: let the client try
        }
    }

    /// <summary>What is wrong, as a sentence with the fix; null when the table is there or Redis cannot be asked.</summary>
    public static async Task<string?> ProblemAsync(string redis, string serviceId, string clusterId, string where)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        await using var muxer = await ConnectionMultiplexer.ConnectAsync(options);
        try
        {
            // An Orleans client creates the table (version row only) when it finds none: look for silos.
            var rows = (await muxer.GetDatabase().HashGetAllAsync($"{serviceId}/members/{clusterId}")).Where(r => r.Name != "Version").ToList();
            if (rows.Count > 0)
            {
                return rows.Any(r => IsActive(r.Value.ToString())) ? null
                    : $"{where}: no silo of cluster id \"{clusterId}\" (service id \"{serviceId}\") is active; its membership table lists {rows.Count} silos, none Active: start the silos (vmi-silo), then try again";
            }

            var found = new List<string>();
            foreach (var server in muxer.GetServers().Where(s => !s.IsReplica))
            {
                await foreach (var key in server.KeysAsync(pattern: "*/members/*", pageSize: 500))
                {
                    var parts = key.ToString().Split("/members/", 2);
                    found.Add($"cluster id \"{parts[1]}\" (service id \"{parts[0]}\")");
                    if (found.Count == MaxListed)
                    {
                        break;
                    }
                }
            }

            var there = found.Count > 0
                ? $"it has {string.Join(", ", found)}"
                : "it has no membership table at all (is this the cluster's Redis, and do its silos run with VmiGrains:Cluster:Clustering=Redis?)";
            return $"{where} has no silo of cluster id \"{clusterId}\" (service id \"{serviceId}\"); {there}: set VMIGRAINS_CLUSTER_ID and VMIGRAINS_SERVICE_ID to the silos' VmiGrains:Cluster:ClusterId and ServiceId";
        }
        catch (RedisException)
        {
            // No permission to list keys, or Redis went away: the client's own error will say so.
            return null;
        }
    }
}
