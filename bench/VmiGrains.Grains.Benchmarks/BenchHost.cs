using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VmiGrains.Benchmarking;
using VmiGrains.Grains.Hosting;

namespace VmiGrains.Grains.Benchmarks;

/// <summary>
/// One real silo in this process on free loopback ports: memory storage, the libvirt test driver on
/// generated hosts (the silo's own plus <c>VmiGrains:Host:Additional</c> ones, each on its own
/// connection), statistics polling off (the driver's are synthetic).
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string HostName = "bench-host";

    private readonly IHost _host;
    private readonly List<string> _files;

    private BenchHost(IHost host, List<string> files, int gatewayPort, int vmisPerHost)
    {
        _host = host;
        _files = files;
        GatewayPort = gatewayPort;
        VmisPerHost = vmisPerHost;
    }

    /// <summary>Host names: the silo's own first.</summary>
    public IReadOnlyList<string> Hosts => [.. Enumerable.Range(0, _files.Count).Select(HostNameOf)];

    public int VmisPerHost { get; }

    /// <summary>The silo's client gateway, for a network client (<see cref="ConnectClientAsync"/>).</summary>
    public int GatewayPort { get; }

    /// <summary>
    /// A separate Orleans client host connected through the gateway over TCP, as client applications
    /// connect: every call is serialized and crosses the loopback network.
    /// </summary>
    public async Task<IHost> ConnectClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseLocalhostClustering(GatewayPort));
        var client = builder.Build();
        await client.StartAsync();
        return client;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts the silo with <paramref name="domains"/> VMIs, <paramref name="perHost"/> per host (all on one host by default).</summary>
    public static async Task<BenchHost> StartAsync(int domains, int? perHost = null, bool deferHostNotices = false)
    {
        var size = Math.Max(1, perHost ?? domains);
        var settings = new Dictionary<string, string?>
        {
            ["VmiGrains:Host:StatsInterval"] = "00:00:00",
            ["VmiGrains:Vmi:DeferHostNotices"] = deferHostNotices ? "true" : "false",
            ["VmiGrains:Rollout:SoakPeriod"] = "00:00:00", // the fleet benchmark times the switching, not the soak
        };
        var files = new List<string>();
        for (var first = 0; first < domains; first += size)
        {
            var xml = Path.Combine(Path.GetTempPath(), $"vmigrains-bench-{Guid.NewGuid():N}.xml");
            await File.WriteAllTextAsync(xml, BenchVmis.NodeXml(first, Math.Min(size, domains - first)));
            settings[files.Count == 0 ? "VmiGrains:Hypervisor:Uri" : $"VmiGrains:Host:Additional:{HostNameOf(files.Count)}"] = $"test://{xml}";
            files.Add(xml);
        }

        settings["VmiGrains:Host:Name"] = HostNameOf(0);
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), gatewayPort);
            foreach (var name in new[] { StorageNames.Profiles, StorageNames.Vmis, StorageNames.Hosts })
            {
                // As the silo stores state: Orleans' serializer (the memory provider's default is JSON, ~3× the CPU).
                silo.AddMemoryGrainStorage(name, b => b.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
                    o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer)));
            }
            silo.UseInMemoryReminderService(); // rollouts register a reminder
            // A silo starting 1,000 hosts registers 100,000 VMIs in its first minute and answered the bench's first
            // call after more than the default 30 s (2026-12-04); the fleet benchmark times what follows, and says how long that took.
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(3));
            silo.AddVmiGrains(builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, files, gatewayPort, size);
    }

    /// <summary>The name of host number <paramref name="index"/> (the first is <see cref="HostName"/>).</summary>
    public static string HostNameOf(int index) => index == 0 ? HostName : FormattableString.Invariant($"{HostName}-{index:D4}");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
