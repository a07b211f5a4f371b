using System.Text.Json;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>The real <c>vmi</c> reaches the cluster through Redis membership and through one gateway.</summary>
[Collection(SiloClusterDefinition.Name)]
public sealed class CliTests(SiloCluster cluster)
{
    [Fact]
    public async Task ProfileList_ThroughRedisAndThroughGateway_SameProfiles()
    {
        var viaRedis = await VmiCli.RunAsync(cluster, "--redis", cluster.Redis, "profile", "list", "-o", "json");
        var viaGateway = await VmiCli.RunAsync(cluster, "--gateway", $"127.0.0.1:{cluster.Silo("demo-host-b").GatewayPort}", "profile", "list", "-o", "json");

        Assert.True(viaRedis.ExitCode == 0, viaRedis.Stderr);
        Assert.True(viaGateway.ExitCode == 0, viaGateway.Stderr);
        var ids = Ids(viaRedis.Stdout);
        Assert.Contains("high-performance-rendering", ids);
        Assert.Equal(ids, Ids(viaGateway.Stdout));
    }

    [Fact]
    public async Task HostList_ThroughRedis_EveryHostUp()
    {
        var result = await VmiCli.RunAsync(cluster, "--redis", cluster.Redis, "host", "list");

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var host in SiloCluster.Hosts)
        {
            var line = Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith(host, StringComparison.Ordinal));
            Assert.Contains(" up ", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RedisAndGatewayTogether_InvalidInput()
    {
        var result = await VmiCli.RunAsync(cluster, "--redis", cluster.Redis, "--gateway", "127.0.0.1:30000", "host", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("vmi: --redis: cannot be combined with --gateway", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisWithNoSiloOfTheCluster_Unreachable_NamesTheServerButNotThePassword()
    {
        // Redis without requirepass ignores the password; the cluster id has no silos in the membership table.
        var result = await VmiCli.RunInAsync(cluster, "vmigrains-nobody", "--redis", $"{cluster.Redis},password=hunter2-secret", "host", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"vmi: cannot reach the cluster through Redis membership at {cluster.Redis} (cluster id vmigrains-nobody)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Ids(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
}
