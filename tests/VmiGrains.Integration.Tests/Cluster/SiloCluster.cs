using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;
using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// Three silo processes, one per demo host (<c>tests/fixtures/hosts/demo-host-{a,b,c}.xml</c> on
/// libvirt's test driver), with Redis membership and every grain storage on Azure Table Storage
/// (Azurite). Connection strings reach the silos through the environment, as in production. Each
/// fixture has its own cluster and service id, so runs never see each other's silos or state.
/// The example profiles are defined through the first silo's gateway.
/// </summary>
public sealed class SiloCluster : IAsyncLifetime
{
    public static readonly string[] Hosts = ["demo-host-a", "demo-host-b", "demo-host-c"];

    private readonly List<SiloProcess> _silos = [];
    private readonly List<IHost> _clients = [];

    /// <summary>The fixture of the shared collection: membership on the test run's Redis.</summary>
    public SiloCluster()
        : this(TestServices.Redis)
    {
    }

    /// <summary>A cluster of one test on a Redis of its own (a test that restarts Redis).</summary>
    internal SiloCluster(string redis)
    {
        Redis = redis;
    }

    public string ClusterId { get; } = $"vmigrains-it-{Guid.NewGuid():N}";

    public string ServiceId { get; } = $"vmigrains-it-{Guid.NewGuid():N}";

    public string Redis { get; }

    /// <summary>
    /// The cluster's own Azurite: the run's shared instance also serves every Silo.Tests silo in the other
    /// test lane, and a cold three-silo cluster's first VMI listing reads 256 index shards, which an
    /// instance busy with another project's silos answered in more than the 30 s call timeout.
    /// </summary>
    public string AzureStorage => _azurite?.ConnectionString ?? throw new InvalidOperationException("the cluster's Azurite is not started");

    private AzuriteInstance? _azurite;

    internal IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>A client that finds every silo through Redis membership (follows silos that come and go).</summary>
    public IClusterClient Client { get; private set; } = null!;

    internal SiloProcess Silo(string host) => _silos.Single(s => s.Host == host);

    public async Task InitializeAsync()
    {
        _azurite = AzuriteInstance.Start();
        foreach (var host in Hosts)
        {
            _silos.Add(CreateSilo(host));
        }

        try
        {
            await Task.WhenAll(_silos.Select(s => s.StartAsync()));
            Client = await ConnectAsync(gateway: null);
            await WaitForHostsAsync();
            foreach (var file in Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json"))
            {
                await Client.GetGrain<IProfileGrain>(Path.GetFileNameWithoutExtension(file)).DefineAsync(await File.ReadAllTextAsync(file));
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A client through Redis membership (<paramref name="gateway"/> null), or pinned to one silo's
    /// gateway. Disposed with the fixture.
    /// </summary>
    internal async Task<IClusterClient> ConnectAsync(SiloProcess? gateway)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            if (gateway is null)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(Redis));
            }
            else
            {
                client.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, gateway.GatewayPort));
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex) when (gateway is not null)
        {
            // Say why a silo's gateway refused: is the process alive, and what did it log last (e.g. declared dead)?
            host.Dispose();
            throw new InvalidOperationException(
                $"no client connection to {gateway.Host}'s gateway {gateway.GatewayPort} (process {(gateway.IsRunning ? "running" : "exited")}): {ex.Message}\nits last log lines:\n{gateway.Tail(30)}", ex);
        }

        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Waits until every host's silo answers for its hypervisor grain and reported its VMIs.</summary>
    public async Task WaitForHostsAsync()
    {
        var fleet = Client.GetGrain<IFleetGrain>(GrainKeys.Default);
        await Eventually.GetAsync(fleet.ListHostsAsync, hosts => hosts.Count(h => h.Available) == Hosts.Length,
            TimeSpan.FromSeconds(90), "all three hosts available");
        await Eventually.GetAsync(() => fleet.ListVmisAsync(), vmis => vmis.Select(v => v.Host).Distinct().Count() == Hosts.Length,
            TimeSpan.FromSeconds(60), "VMIs of all three hosts registered");
    }

    /// <summary>The UUID of a demo VMI by name.</summary>
    public async Task<string> VmiAsync(string name) =>
        (await Eventually.GetAsync(() => Client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync(name), id => id is not null, what: $"VMI {name} registered"))!;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.StopAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
            {
                // the cluster may already be gone
            }

            client.Dispose();
        }

        // Always kill every process we started, also when a test failed half-way.
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        _azurite?.Dispose();
    }

    private SiloProcess CreateSilo(string host)
    {
        const string c = "--VmiGrains:Cluster:";
        string[] args =
        [
            $"{c}ClusterId={ClusterId}",
            $"{c}ServiceId={ServiceId}",
            $"{c}Clustering=Redis",
            $"{c}AdvertisedAddress=127.0.0.1",
            $"{c}SiloPort={TestServices.FreePort()}",
            $"{c}GatewayPort={TestServices.FreePort()}",
            $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
            // The failover test moves grains through Orleans' management grain and grain extensions.
            $"{c}ClientManagement=true",
            "--VmiGrains:Storage:Default:Provider=AzureTable",
            $"--VmiGrains:Host:Name={host}",
            $"--VmiGrains:Hypervisor:Uri=test://{RepoPaths.Of("tests", "fixtures", "hosts", host + ".xml")}",
            "--VmiGrains:Host:StatsInterval=00:00:00",
            "--VmiGrains:Host:Cooldown=00:00:02",
            "--VmiGrains:Host:RebalanceInterval=00:00:02",
            "--VmiGrains:Rollout:SoakPeriod=00:00:03", // RolloutFailoverTests: long enough to kill a silo mid-rollout
            // Information from Orleans includes its options dump: proof that no secret is in it.
            "--Logging:LogLevel:Orleans=Information",
        ];
        var environment = new Dictionary<string, string>
        {
            ["VMIGRAINS__CLUSTER__CONNECTIONSTRING"] = Redis,
            ["VMIGRAINS__STORAGE__DEFAULT__CONNECTIONSTRING"] = AzureStorage,
        };
        return new SiloProcess(host, args, environment);
    }
}
