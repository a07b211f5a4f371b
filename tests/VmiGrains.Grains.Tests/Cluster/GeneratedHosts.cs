using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using VmiGrains.Grains.Hosting;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// A one-silo cluster (memory storage) whose silo manages generated libvirt test-driver hosts:
/// the first as its own host, the rest as <c>VmiGrains:Host:Additional</c>. For tests that must
/// count what a host does without other tests' traffic on it.
/// </summary>
internal sealed class GeneratedHosts : IAsyncDisposable
{
    private readonly List<string> _files = [];

    private const string InnerHostStorage = "hosts-behind-the-gate";

    private GeneratedHosts(InProcessTestCluster cluster, List<string> files, StorageGate? hostWrites)
    {
        Cluster = cluster;
        _files = files;
        HostWrites = hostWrites;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The gate in front of the hosts' state writes, when started with <c>gateHostWrites</c>.</summary>
    public StorageGate? HostWrites { get; }

    /// <summary>Domain <paramref name="index"/> of host number <paramref name="host"/>.</summary>
    public static string VmiId(int host, int index) => $"c0000000-0000-4000-{host:x4}-{index:x12}";

    /// <summary>
    /// Starts the silo; <paramref name="hosts"/> are host names, each with <paramref name="vmisPerHost"/> domains.
    /// With <paramref name="gateHostWrites"/> the hosts' state is written through a <see cref="GatedGrainStorage"/>.
    /// </summary>
    public static async Task<GeneratedHosts> StartAsync(IReadOnlyList<string> hosts, int vmisPerHost, bool gateHostWrites = false)
    {
        var hostWrites = gateHostWrites ? new StorageGate() : null;
        var files = new List<string>();
        var settings = new Dictionary<string, string?> { ["VmiGrains:Host:StatsInterval"] = "00:00:00" };
        for (var h = 0; h < hosts.Count; h++)
        {
            var file = Path.Combine(Path.GetTempPath(), $"vmigrains-{hosts[h]}-{Guid.NewGuid():N}.xml");
            await File.WriteAllTextAsync(file, NodeXml(h, vmisPerHost));
            files.Add(file);
            if (h == 0)
            {
                settings["VmiGrains:Host:Name"] = hosts[h];
                settings["VmiGrains:Hypervisor:Uri"] = $"test://{file}";
            }
            else
            {
                settings[$"VmiGrains:Host:Additional:{hosts[h]}"] = $"test://{file}";
            }
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = $"vmigrains-generated-{Guid.NewGuid():N}";
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (var name in new[] { StorageNames.Profiles, StorageNames.Vmis, gateHostWrites ? InnerHostStorage : StorageNames.Hosts })
            {
                silo.AddMemoryGrainStorage(name);
            }

            if (gateHostWrites)
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Hosts, (services, _) =>
                    new GatedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerHostStorage), hostWrites!));
            }

            silo.AddVmiGrains(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GeneratedHosts(cluster, files, hostWrites);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static string NodeXml(int host, int domains)
    {
        var xml = new StringBuilder("<node><cpu><mhz>2900</mhz><model>x86_64</model><active>32</active><nodes>1</nodes><sockets>1</sockets><cores>16</cores><threads>2</threads></cpu><memory>268435456</memory>");
        for (var i = 0; i < domains; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<domain type='test'><name>h{host}-vm-{i:D3}</name><uuid>{VmiId(host, i)}</uuid>")
               .Append("<memory unit='MiB'>4096</memory><currentMemory unit='MiB'>2048</currentMemory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");
        }

        return xml.Append("</node>").ToString();
    }
}
