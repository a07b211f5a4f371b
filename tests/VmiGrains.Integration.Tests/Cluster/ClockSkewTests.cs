namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// A silo whose clock is ten minutes behind (libfaketime on the real process) joins a running silo's
/// Redis cluster. Orleans alone let it join, then the other silo declared it dead for its old I-am-alive
/// times and it aborted with "I have been told I am dead". It must refuse to join, with a sentence that
/// says its clock is off, by how much, and what to do, and leave the running silo alone.
/// </summary>
public sealed class ClockSkewTests
{
    private const string FakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    [Fact]
    public async Task SiloClockTenMinutesBehind_RefusesToJoinSayingSo_RunningSiloStaysReady()
    {
        Assert.True(File.Exists(FakeTime), $"{FakeTime} is missing: install the faketime package (./scripts/bootstrap.sh does)");
        using var redis = RedisServerProcess.Start();
        var id = $"vmigrains-skew-{Guid.NewGuid():N}";
        using var good = Silo("demo-host-a", id, redis, new Dictionary<string, string>());
        await good.StartAsync();
        using var skewed = Silo("demo-host-b", id, redis, new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = FakeTime,
            ["FAKETIME"] = "-600",
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(skewed.StartAsync);

        Assert.Contains("exited with 1", refused.Message, StringComparison.Ordinal);
        Assert.Matches(@"this silo's clock is 6\d\d\.\d s behind the Redis membership server's", skewed.Output);
        Assert.Contains("Synchronize this machine's clock", skewed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("I have been told I am dead", skewed.Output, StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var ready = await http.GetAsync($"{good.HttpUrl}/readyz");
        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
    }

    private static SiloProcess Silo(string host, string clusterId, RedisServerProcess redis, Dictionary<string, string> environment)
    {
        const string c = "--VmiGrains:Cluster:";
        environment["VMIGRAINS__CLUSTER__CONNECTIONSTRING"] = redis.Endpoint;
        string[] args =
        [
            $"{c}ClusterId={clusterId}",
            $"{c}ServiceId={clusterId}",
            $"{c}Clustering=Redis",
            $"{c}AdvertisedAddress=127.0.0.1",
            $"{c}SiloPort={TestServices.FreePort()}",
            $"{c}GatewayPort={TestServices.FreePort()}",
            $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
            $"{c}Dashboard=false",
            $"--VmiGrains:Host:Name={host}",
            $"--VmiGrains:Hypervisor:Uri=test://{RepoPaths.Of("tests", "fixtures", "hosts", host + ".xml")}",
            "--VmiGrains:Host:StatsInterval=00:00:00",
        ];
        return new SiloProcess(host, args, environment);
    }
}
