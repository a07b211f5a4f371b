using System.Text.Json;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// The membership Redis restarts without its data under a running three-silo cluster (Redis
/// membership, Azure Table storage on Azurite), then a silo is killed and started again. The cluster
/// must stay one cluster: the live silos are back in the table, the killed one is declared dead, the
/// API answers on the survivors, and the restarted silo joins them instead of forming a cluster of its own.
/// </summary>
public sealed class RedisRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RedisRestartsEmpty_ThenSiloKilled_OneClusterKeepsAnswering_RestartedSiloJoinsIt()
    {
        using var redis = RedisServerProcess.Start();
        var cluster = new SiloCluster(redis.Endpoint);
        await cluster.InitializeAsync();
        try
        {
            var survivors = cluster.Silos.Take(2).ToList();
            var victim = cluster.Silos[2];
            var views = new Dictionary<SiloProcess, IManagementGrain>();
            foreach (var silo in cluster.Silos)
            {
                views[silo] = (await cluster.ConnectAsync(silo)).GetGrain<IManagementGrain>(0);
            }

            var key = $"{cluster.ServiceId}/members/{cluster.ClusterId}";
            var versionBefore = await VersionAsync(redis.Endpoint, key);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            redis.RestartEmpty();
            victim.Kill();

            // Each survivor, asked through its own gateway, sees exactly the two survivors active.
            foreach (var silo in survivors)
            {
                await Eventually.GetAsync(() => ActivePorts(views[silo]), ports => ports.SetEquals(survivors.Select(s => s.SiloPort)),
                    TimeSpan.FromSeconds(60), $"{silo.Host} sees the two survivors active and the killed silo gone; it said:\n{silo.Tail(15)}");
            }

            output.WriteLine($"redis restarted empty and {victim.Host}'s silo killed: both survivors saw the two of them active after {clock.Elapsed.TotalSeconds:F1} s");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(40) };
            foreach (var silo in survivors)
            {
                using var response = await http.GetAsync($"{silo.HttpUrl}/api/v1/hosts");
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{silo.Host}: GET /api/v1/hosts {(int)response.StatusCode} {body}");
                Assert.False(HostAvailable(body, victim.Host), body);
            }

            Assert.Contains("membership table", survivors[0].Output + survivors[1].Output, StringComparison.Ordinal);
            Assert.Contains("re-created", survivors[0].Output + survivors[1].Output, StringComparison.Ordinal);

            await victim.StartAsync();
            var all = cluster.Silos.Select(s => s.SiloPort).ToHashSet();
            foreach (var silo in cluster.Silos)
            {
                await Eventually.GetAsync(() => ActivePorts(views[silo]), ports => ports.SetEquals(all),
                    TimeSpan.FromSeconds(60), $"{silo.Host} sees all three silos active; it said:\n{silo.Tail(15)}");
            }

            await cluster.WaitForHostsAsync();

            // One table, one lineage: the three live silos Active and the killed incarnation Dead, in the
            // one key of this cluster id; the version row counts on from before the restart.
            using var muxer = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
            var db = muxer.GetDatabase();
            var rows = (await db.HashGetAllAsync(key)).Where(e => e.Name != "Version").Select(e => JsonDocument.Parse(e.Value.ToString()).RootElement).ToList();
            var versionAfter = await VersionAsync(redis.Endpoint, key);
            output.WriteLine($"table version {versionBefore} before the restart, {versionAfter} now; rows:\n{string.Join('\n', rows.Select(r => $"{r.GetProperty("SiloAddress")} {(SiloStatus)r.GetProperty("Status").GetInt32()}"))}");
            Assert.Equal(3, rows.Count(r => r.GetProperty("Status").GetInt32() == (int)SiloStatus.Active));
            Assert.Equal(4, rows.Count);
            Assert.Single(await Keys(redis.Endpoint));
            Assert.True(versionAfter > versionBefore + 2, $"version {versionAfter} after, {versionBefore} before: the repaired table must count on (repair, death, join)");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<HashSet<int>> ActivePorts(IManagementGrain management) =>
        (await management.GetHosts(onlyActive: true)).Keys.Select(s => s.Endpoint.Port).ToHashSet();

    private static async Task<int> VersionAsync(string endpoint, string key)
    {
        using var muxer = await ConnectionMultiplexer.ConnectAsync(endpoint);
        return (int)await muxer.GetDatabase().HashGetAsync(key, "Version");
    }

    private static async Task<List<string>> Keys(string endpoint)
    {
        using var muxer = await ConnectionMultiplexer.ConnectAsync(endpoint);
        return [.. muxer.GetServer(endpoint).Keys().Select(k => k.ToString())];
    }

    private static bool HostAvailable(string json, string host) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Single(h => h.GetProperty("name").GetString() == host).GetProperty("available").GetBoolean();
}
