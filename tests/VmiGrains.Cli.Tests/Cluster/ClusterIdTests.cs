using System.Net.Sockets;

namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>
/// <c>vmi</c> with a cluster id that is not the cluster's: through a gateway (a real silo of
/// <c>vmigrains-dev</c>) and through Redis membership (the test run's real redis-server). Both exit 1
/// with a sentence that says what is wrong and which variable to set, instead of waiting for a timeout
/// and reporting that the cluster did not answer.
/// </summary>
[Collection(SiloDefinition.Name)]
public sealed class ClusterIdTests(SiloProcessFixture silo)
{
    [Fact]
    public async Task WrongClusterId_ThroughGateway_ExitOneSayingTheClusterIdDiffersAndWhatToSet()
    {
        var result = await VmiProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["VMIGRAINS_CLUSTER_ID"] = "not-this-cluster" }, "--gateway", silo.Gateway, "host", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("different cluster id", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"not-this-cluster\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("set VMIGRAINS_CLUSTER_ID", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no answer within", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongClusterId_ThroughRedis_ExitOneSayingNoSiloOfThatIdAndLeavingNoTableBehind()
    {
        var clusterId = $"no-such-cluster-{Guid.NewGuid():N}";
        var result = await VmiProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["VMIGRAINS_CLUSTER_ID"] = clusterId }, "--redis", TestServices.Redis, "host", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"has no silo of cluster id \"{clusterId}\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("set VMIGRAINS_CLUSTER_ID", result.Stderr, StringComparison.Ordinal);
        // The Orleans client would have created an empty table for the wrong id; vmi stops before it.
        Assert.Equal(0, await ExistsAsync(TestServices.Redis, $"vmigrains/members/{clusterId}"));
    }

    /// <summary>EXISTS over the Redis protocol (RESP), so that the test needs no Redis client library.</summary>
    private static async Task<int> ExistsAsync(string endpoint, string key)
    {
        var (host, port) = (endpoint.Split(':')[0], int.Parse(endpoint.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port);
        await using var stream = client.GetStream();
        var command = System.Text.Encoding.UTF8.GetBytes($"*2\r\n$6\r\nEXISTS\r\n${System.Text.Encoding.UTF8.GetByteCount(key)}\r\n{key}\r\n");
        await stream.WriteAsync(command);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        var reply = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        return reply.StartsWith(':') ? int.Parse(reply[1..].Trim(), System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException($"unexpected Redis reply {reply}");
    }
}
