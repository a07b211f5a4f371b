using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Integration.Tests.Cluster;

namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// <c>k</c> vmi-silo processes on Redis membership, silo <c>h</c> managing host <c>bench-host-h</c>: a
/// generated libvirt test-driver file with VMIs <c>h·M .. h·M+M−1</c> of <see cref="BenchVmis"/>, so the
/// fleet is VMIs <c>0 .. k·M−1</c>. Grain state on the same Redis; statistics polling off (the test
/// driver's are synthetic); logging at Warning so console output does not cost the silos CPU. A fresh
/// cluster and service id per cluster keeps clusters of earlier silo counts out of this one.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly List<string> _files = [];
    private readonly string _clusterId = $"vmigrains-bench-{Guid.NewGuid():N}";
    private readonly string _serviceId = $"vmigrains-bench-{Guid.NewGuid():N}";
    private IHost? _client;

    private BenchCluster(int vmisPerHost) => VmisPerHost = vmisPerHost;

    public int VmisPerHost { get; }

    public int Vmis => _silos.Count * VmisPerHost;

    public IReadOnlyList<int> SiloProcessIds => [.. _silos.Select(s => s.ProcessId!.Value)];

    /// <summary>The Orleans client (a client host in this process; gateways found through Redis membership).</summary>
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts the silos, connects the client, and waits until every host registered every VMI.</summary>
    public static async Task<BenchCluster> StartAsync(RedisServer redis, int silos, int vmisPerHost)
    {
        var cluster = new BenchCluster(vmisPerHost);
        try
        {
            for (var h = 0; h < silos; h++)
            {
                var xml = Path.Combine(Path.GetTempPath(), $"vmigrains-cluster-bench-{Guid.NewGuid():N}.xml");
                cluster._files.Add(xml);
                await File.WriteAllTextAsync(xml, BenchVmis.NodeXml(h * vmisPerHost, vmisPerHost));
                var silo = new SiloProcess(HostName(h), cluster.SiloArgs(HostName(h), xml), new Dictionary<string, string>
                {
                    ["VMIGRAINS__CLUSTER__CONNECTIONSTRING"] = redis.ConnectionString,
                })
                {
                    KeepOutput = false,
                };
                cluster._silos.Add(silo);
                ChildGuard.Add(silo.Kill);
            }

            await Task.WhenAll(cluster._silos.Select(s => s.StartAsync()));
            cluster._client = await cluster.ConnectAsync(redis);
            await cluster.WaitForVmisAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines of every silo's output, for the failure message (no log files are left behind).</summary>
    public string OutputTails() =>
        string.Join('\n', _silos.Select(s => $"--- {s.Host} ---\n{s.Tail()}"));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _client.StopAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
            {
                // the cluster may be gone already
            }

            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static string HostName(int h) => string.Create(CultureInfo.InvariantCulture, $"bench-host-{h + 1}");

    private string[] SiloArgs(string host, string xml)
    {
        const string c = "--VmiGrains:Cluster:";
        return
        [
            $"{c}ClusterId={_clusterId}",
            $"{c}ServiceId={_serviceId}",
            $"{c}Clustering=Redis",
            $"{c}AdvertisedAddress=127.0.0.1",
            $"{c}SiloPort={TestServices.FreePort()}",
            $"{c}GatewayPort={TestServices.FreePort()}",
            $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
            "--VmiGrains:Storage:Default:Provider=Redis", // the cluster's connection string (environment)
            $"--VmiGrains:Host:Name={host}",
            $"--VmiGrains:Hypervisor:Uri=test://{xml}",
            "--VmiGrains:Host:StatsInterval=00:00:00",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Warning", // after SiloProcess's own Information: the last value wins
        ];
    }

    private async Task<IHost> ConnectAsync(RedisServer redis)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = _serviceId;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task WaitForVmisAsync()
    {
        var fleet = Client.GetGrain<IFleetGrain>(GrainKeys.Default);
        await Eventually.GetAsync(fleet.ListHostsAsync, hosts => hosts.Count(h => h.Available) == _silos.Count,
            TimeSpan.FromSeconds(90), $"all {_silos.Count} hosts available");
        await Eventually.GetAsync(() => fleet.ListVmisAsync(), vmis => vmis.Count == Vmis,
            TimeSpan.FromSeconds(120), $"{Vmis} VMIs registered");
    }
}
