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
/// a generated host with <c>domains</c> VMIs, statistics polling off (the driver's are synthetic).
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string HostName = "bench-host";

    private readonly IHost _host;
    private readonly string _xml;

    private BenchHost(IHost host, string xml, int gatewayPort)
    {
        _host = host;
        _xml = xml;
        GatewayPort = gatewayPort;
    }

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

    public static async Task<BenchHost> StartAsync(int domains)
    {
        var xml = Path.Combine(Path.GetTempPath(), $"vmigrains-bench-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(xml, BenchVmis.NodeXml(0, domains));
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VmiGrains:Host:Name"] = HostName,
            ["VmiGrains:Hypervisor:Uri"] = $"test://{xml}",
            ["VmiGrains:Host:StatsInterval"] = "00:00:00",
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), gatewayPort);
            silo.AddMemoryGrainStorage(StorageNames.Profiles);
            silo.AddMemoryGrainStorage(StorageNames.Vmis);
            silo.AddMemoryGrainStorage(StorageNames.Hosts);
            silo.AddVmiGrains(builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, xml, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        File.Delete(_xml);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
