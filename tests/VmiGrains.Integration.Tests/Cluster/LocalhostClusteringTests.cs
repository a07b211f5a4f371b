using System.Text.Json;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// The demo's cluster shape (scripts/run.sh): two vmi-silo processes on development (localhost) clustering,
/// the second joining through the first's membership table. A joining silo calls that table through its
/// hosted client before it is a member; the call filter once refused it, and the second host never joined.
/// </summary>
public sealed class LocalhostClusteringTests
{
    [Fact]
    public async Task SecondSilo_JoinsThroughThePrimary_BothHostsAndAllTheirVmisListed_BothReady()
    {
        var clusterId = $"vmigrains-localhost-{Guid.NewGuid():N}";
        var primaryPort = TestServices.FreePort();
        using var a = Silo("demo-host-a", clusterId, primaryPort, null);
        using var b = Silo("demo-host-b", clusterId, TestServices.FreePort(), primaryPort);
        await a.StartAsync();
        await b.StartAsync();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var hosts = await Eventually.GetAsync(async () =>
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync($"{a.HttpUrl}/api/v1/hosts"));
                return doc.RootElement.EnumerateArray().Where(h => h.GetProperty("available").GetBoolean()).Select(h => h.GetProperty("name").GetString()!).Order().ToList();
            },
            h => h.Count == 2, TimeSpan.FromSeconds(90), $"both hosts available; silo b said:\n{b.Tail()}");
        Assert.Equal(["demo-host-a", "demo-host-b"], hosts);
        await Eventually.GetAsync(async () => JsonDocument.Parse(await http.GetStringAsync($"{b.HttpUrl}/api/v1/vms")).RootElement.GetArrayLength(),
            n => n == 9, TimeSpan.FromSeconds(60), "the nine demo VMIs of both hosts, asked through silo b");
        foreach (var silo in new[] { a, b })
        {
            using var ready = await http.GetAsync($"{silo.HttpUrl}/readyz");
            Assert.True(ready.IsSuccessStatusCode, $"{silo.Host}: /readyz {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
        }

        Assert.DoesNotContain("Refused", a.Output, StringComparison.Ordinal);

        // What a new user sees on the demo's idle 128 GiB host: an attached VMI keeps its whole memory and the whole
        // link (it read "network 0.0 % (128 KiB/s)" and "ram 1.6 % (2150 MiB)" of a 4 GiB VM before issue 16).
        Assert.Equal(0, (await VmiAsync(a, clusterId, "profile", "apply", "-f", RepoPaths.Of("examples", "profiles", "ux-personalization.json"))).ExitCode);
        Assert.Equal(0, (await VmiAsync(a, clusterId, "vm", "attach", "web-01", "ux-personalization")).ExitCode);
        var show = await VmiAsync(a, clusterId, "vm", "show", "web-01");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("(4096 MiB)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("network 100.0 % (1250000 KiB/s)", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CAPPED", show.Stdout, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> VmiAsync(SiloProcess silo, string clusterId, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        start.Environment["VMIGRAINS_CLUSTER_ID"] = clusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = clusterId;
        foreach (var arg in (string[])[BuiltApps.Cli, "--gateway", $"127.0.0.1:{silo.GatewayPort}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }

    private static SiloProcess Silo(string host, string clusterId, int siloPort, int? primaryPort)
    {
        const string c = "--VmiGrains:Cluster:";
        List<string> args =
        [
            $"{c}ClusterId={clusterId}",
            $"{c}ServiceId={clusterId}",
            $"{c}SiloPort={siloPort}",
            $"{c}GatewayPort={TestServices.FreePort()}",
            $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
            $"--VmiGrains:Host:Name={host}",
            $"--VmiGrains:Hypervisor:Uri=test://{RepoPaths.Of("tests", "fixtures", "hosts", host + ".xml")}",
            "--VmiGrains:Host:StatsInterval=00:00:00",
        ];
        if (primaryPort is { } p)
        {
            args.Add($"{c}PrimarySiloPort={p}");
        }

        return new SiloProcess(host, args, new Dictionary<string, string>());
    }
}
