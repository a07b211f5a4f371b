using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        await File.WriteAllTextAsync(xml, NodeXml(domains));
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

    public static string VmiId(int i) => $"b0000000-0000-4000-8000-{i.ToString("x12", CultureInfo.InvariantCulture)}";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        File.Delete(_xml);
    }

    private static string NodeXml(int domains)
    {
        var xml = new StringBuilder("<node><cpu><mhz>2900</mhz><model>x86_64</model><active>64</active><nodes>1</nodes><sockets>2</sockets><cores>16</cores><threads>2</threads></cpu><memory>536870912</memory>");
        for (var i = 0; i < domains; i++)
        {
            var mac = $"52:54:00:b0:{i / 256:x2}:{i % 256:x2}";
            xml.Append(CultureInfo.InvariantCulture, $"<domain type='test'><name>bench-{i:D5}</name><uuid>{VmiId(i)}</uuid>")
               .Append("<memory unit='MiB'>4096</memory><currentMemory unit='MiB'>2048</currentMemory><vcpu>4</vcpu><os><type arch='x86_64'>hvm</type></os>")
               .Append(CultureInfo.InvariantCulture, $"<devices><interface type='network'><mac address='{mac}'/><source network='default'/></interface></devices></domain>");
        }

        return xml.Append("</node>").ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
